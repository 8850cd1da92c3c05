"use client";

import { signIn, signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { AlertBox } from "@/components/ui/alert-box";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { acceptInvitationAction, signUpWithInvitationAction } from "@/lib/members/actions";

const UNREACHABLE = "The server could not be reached. Check your connection and try again.";
const LOGIN_MESSAGES: Record<string, string> = {
  CredentialsSignin: "Incorrect password.",
  TooManyAttempts: "Too many failed attempts. Wait a few minutes before trying again.",
};

/** The e-mail the invitation is for, shown as a read-only field (the account must use it). */
function InvitedEmail({ email }: { email: string }) {
  return <Field label="E-mail" name="email" type="email" value={email} readOnly autoComplete="username" hint="The invitation is for this address." />;
}

/** Signed in as the invited address: one button joins the team. */
export function AcceptInvitation({ token, teamName }: { token: string; teamName: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function accept() {
    setBusy(true);
    setError(null);
    try {
      const result = await acceptInvitationAction({ token });
      if (result.ok) {
        router.replace("/");
        router.refresh();
        return;
      }
      setError(result.message);
    } catch {
      setError(UNREACHABLE);
    }
    setBusy(false);
  }

  return (
    <div className="space-y-4">
      {error && <AlertBox>{error}</AlertBox>}
      <Button type="button" busy={busy} onClick={() => void accept()} className="w-full">
        {busy ? "Joining…" : `Join ${teamName}`}
      </Button>
    </div>
  );
}

/** Signed in as someone else: say so, and offer to log out and come back to this link. */
export function LogOutToSwitch({ token, signedInAs, invitedEmail }: { token: string; signedInAs: string; invitedEmail: string }) {
  return (
    <div className="space-y-4">
      <AlertBox>
        This invitation is for {invitedEmail}, but you are logged in as {signedInAs}. Log out, then open the link again to accept it as {invitedEmail}.
      </AlertBox>
      <Button type="button" variant="secondary" className="w-full" onClick={() => void signOut({ callbackUrl: `/invite/${token}` })}>
        Log out
      </Button>
    </div>
  );
}

/** The invited address has an account: log in with its password, then join. */
export function InviteLogInForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    setBusy(true);
    setError(null);
    try {
      const login = await signIn("credentials", { email, password, redirect: false });
      if (!login || login.status === 429 || login.error) {
        setError(LOGIN_MESSAGES[login?.error ?? "TooManyAttempts"] ?? "Could not log you in. Try again.");
        setBusy(false);
        return;
      }
      const result = await acceptInvitationAction({ token });
      if (!result.ok) {
        // Logged in, but the invitation could not be used (it was just revoked, say): the page shows why.
        setError(result.message);
        setBusy(false);
        router.refresh();
        return;
      }
      router.replace("/");
      router.refresh();
    } catch {
      setError(UNREACHABLE);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <p className="text-sm text-slate-600 dark:text-slate-400">You already have an account: log in to join.</p>
      {error && <AlertBox>{error}</AlertBox>}
      <InvitedEmail email={email} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required autoFocus />
      <Button type="submit" busy={busy} className="w-full">
        {busy ? "Joining…" : "Log in and join"}
      </Button>
    </form>
  );
}

/** No account yet for the invited address: create one, which joins this team (no team of its own). */
export function InviteSignUpForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const result = await signUpWithInvitationAction({ token, name: String(form.get("name") ?? ""), password });
      if (!result.ok) {
        setFields(result.fields ?? {});
        setError(result.message);
        setBusy(false);
        return;
      }
      const login = await signIn("credentials", { email: result.data.email, password, redirect: false });
      if (login?.ok && !login.error) {
        router.replace("/");
        router.refresh();
      } else {
        router.replace("/login?signedUp=1");
      }
    } catch {
      setError(UNREACHABLE);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <p className="text-sm text-slate-600 dark:text-slate-400">Create your account to join.</p>
      {error && <AlertBox>{error}</AlertBox>}
      <InvitedEmail email={email} />
      <Field label="Your name" name="name" autoComplete="name" required autoFocus error={fields.name?.[0]} />
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
      <Button type="submit" busy={busy} className="w-full">
        {busy ? "Creating your account…" : "Create account and join"}
      </Button>
    </form>
  );
}
