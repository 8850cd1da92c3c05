"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { AlertBox } from "@/components/ui/alert-box";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Incorrect e-mail or password.",
  TooManyAttempts: "Too many failed attempts. Wait a few minutes before trying again.",
};

function messageFor(code: string | undefined): string | null {
  if (!code) return null;
  return MESSAGES[code] ?? "Could not log you in. Try again.";
}

export function LoginForm({ initialError, signedUp }: { initialError?: string; signedUp: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(messageFor(initialError));
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (!result || result.status === 429) {
        setError(MESSAGES.TooManyAttempts ?? null);
      } else if (result.error) {
        setError(messageFor(result.error));
      } else {
        router.replace("/");
        router.refresh();
        return;
      }
    } catch {
      setError("The server could not be reached. Check your connection and try again.");
    }
    setBusy(false);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {signedUp && !error && <AlertBox tone="info">Your account is ready. Log in to continue.</AlertBox>}
      {error && <AlertBox>{error}</AlertBox>}
      <Field label="E-mail" name="email" type="email" autoComplete="email" required autoFocus />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" busy={busy} className="w-full">
        {busy ? "Logging in…" : "Log in"}
      </Button>
    </form>
  );
}
