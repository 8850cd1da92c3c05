"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { AlertBox } from "@/components/ui/alert-box";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { signUpAction } from "@/lib/teams/actions";

export function SignUpForm() {
  const router = useRouter();
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      teamName: String(form.get("teamName") ?? ""),
    };
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const result = await signUpAction(input);
      if (!result.ok) {
        setFields(result.fields ?? {});
        setError(result.message);
        setBusy(false);
        return;
      }
      const login = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
      if (login?.ok && !login.error) {
        router.replace("/");
        router.refresh();
      } else {
        router.replace("/login?signedUp=1");
      }
    } catch {
      setError("The server could not be reached. Check your connection and try again.");
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error && <AlertBox>{error}</AlertBox>}
      <Field label="Your name" name="name" autoComplete="name" required autoFocus error={fields.name?.[0]} />
      <Field label="E-mail" name="email" type="email" autoComplete="email" required error={fields.email?.[0]} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint="At least 8 characters, not a common password. A passphrase works well."
        error={fields.password?.[0]}
      />
      <Field label="Team name" name="teamName" autoComplete="organization" required hint="You can invite others later." error={fields.teamName?.[0]} />
      <Button type="submit" busy={busy} className="w-full">
        {busy ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
