"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { AlertBox } from "@/components/ui/alert-box";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { changePasswordAction, updateProfileAction } from "@/lib/account/actions";

const UNREACHABLE = "The server could not be reached. Check your connection and try again.";

interface FormState {
  busy: boolean;
  done: boolean;
  error: string | null;
  fields: Record<string, string[]>;
}
const IDLE: FormState = { busy: false, done: false, error: null, fields: {} };

const card = "rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900";

/** The user's display name, as teammates see it. */
export function ProfileForm({ name }: { name: string }) {
  const router = useRouter();
  const [state, setState] = useState<FormState>(IDLE);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setState({ ...IDLE, busy: true });
    try {
      const result = await updateProfileAction({ name: String(form.get("name") ?? "") });
      if (!result.ok) return setState({ ...IDLE, error: result.message, fields: result.fields ?? {} });
      setState({ ...IDLE, done: true });
      router.refresh();
    } catch {
      setState({ ...IDLE, error: UNREACHABLE });
    }
  }

  return (
    <section aria-labelledby="profile-heading" className={card}>
      <h2 id="profile-heading" className="text-base font-semibold">
        Profile
      </h2>
      <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
        {state.error && <AlertBox>{state.error}</AlertBox>}
        {state.done && <AlertBox tone="info">Your name is saved.</AlertBox>}
        <Field label="Name" name="name" defaultValue={name} autoComplete="name" required error={state.fields.name?.[0]} />
        <Button type="submit" busy={state.busy}>
          Save name
        </Button>
      </form>
    </section>
  );
}

/** Change the password with the current one; every other session is logged out, this one stays. */
export function ChangePasswordForm({ email }: { email: string }) {
  const router = useRouter();
  const [state, setState] = useState<FormState>(IDLE);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    setState({ ...IDLE, busy: true });
    try {
      const result = await changePasswordAction({
        currentPassword: String(form.get("currentPassword") ?? ""),
        newPassword: String(form.get("newPassword") ?? ""),
        confirmPassword: String(form.get("confirmPassword") ?? ""),
      });
      if (!result.ok) return setState({ ...IDLE, error: result.message, fields: result.fields ?? {} });
      formEl.reset();
      setState({ ...IDLE, done: true });
      router.refresh();
    } catch {
      setState({ ...IDLE, error: UNREACHABLE });
    }
  }

  return (
    <section aria-labelledby="password-heading" className={card}>
      <h2 id="password-heading" className="text-base font-semibold">
        Password
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Changing it logs you out everywhere else: other browsers and devices must log in again.</p>
      <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
        {state.error && <AlertBox>{state.error}</AlertBox>}
        {state.done && <AlertBox tone="info">Password changed. Your other sessions are logged out; this one stays.</AlertBox>}
        {/* A hidden username lets password managers file the new password under the right account. */}
        <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
        <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={state.fields.currentPassword?.[0]} />
        <Field
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          hint="At least 8 characters, not a common password. A passphrase works well."
          error={state.fields.newPassword?.[0]}
        />
        <Field label="New password again" name="confirmPassword" type="password" autoComplete="new-password" required error={state.fields.confirmPassword?.[0]} />
        <Button type="submit" busy={state.busy}>
          {state.busy ? "Changing…" : "Change password"}
        </Button>
      </form>
    </section>
  );
}
