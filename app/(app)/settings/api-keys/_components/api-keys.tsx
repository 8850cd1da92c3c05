"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { SecretOnce } from "@/components/secret-once";
import { AlertBox } from "@/components/ui/alert-box";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { createApiKeyAction, revokeApiKeyAction } from "@/lib/api-keys/actions";

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scope: "READ" | "WRITE";
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const when = (iso: string | null) => (iso === null ? "—" : `${iso.slice(0, 16).replace("T", " ")} UTC`);
const SCOPES = { READ: "Read", WRITE: "Read-write" } as const;

/** The team's API keys; admins and owners create keys (the secret is shown once) and revoke them. */
export function ApiKeys({ keys, canManage }: { keys: ApiKeyView[]; canManage: boolean }) {
  return (
    <div className="space-y-6">
      <section className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="p-5 pb-0">
          <h2 className="text-base font-semibold">API keys</h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Scripts call <code className="font-mono">/api/v1</code> with <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>. A read key can read
            everything of this team; a read-write key can also create projects and models and write usage. Only the prefix is stored in clear.
          </p>
        </div>
        {keys.length === 0 ? (
          <p className="p-5 text-sm text-slate-600 dark:text-slate-400">No API keys yet.</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="w-full min-w-[44rem] text-left text-sm">
              <caption className="sr-only">API keys, newest first</caption>
              <thead className="whitespace-nowrap bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400 dark:bg-slate-800/50">
                <tr>
                  <th scope="col" className="px-5 py-2 font-medium">Name</th>
                  <th scope="col" className="px-3 py-2 font-medium">Prefix</th>
                  <th scope="col" className="px-3 py-2 font-medium">Scope</th>
                  <th scope="col" className="px-3 py-2 font-medium">Created</th>
                  <th scope="col" className="px-3 py-2 font-medium">Last used</th>
                  <th scope="col" className="px-3 py-2 font-medium">Status</th>
                  {canManage && <th scope="col" className="px-5 py-2"><span className="sr-only">Revoke</span></th>}
                </tr>
              </thead>
              <tbody>
                {keys.map((k) => (
                  <KeyRow key={k.id} apiKey={k} canManage={canManage} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {canManage ? <CreateKeyForm /> : <AlertBox tone="info">Only admins and owners can create or revoke API keys.</AlertBox>}
    </div>
  );
}

function KeyRow({ apiKey: k, canManage }: { apiKey: ApiKeyView; canManage: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function revoke() {
    setBusy(true);
    setError(null);
    const result = await revokeApiKeyAction({ id: k.id });
    setBusy(false);
    if (!result.ok) setError(result.message);
    else {
      setConfirming(false);
      router.refresh();
    }
  }

  return (
    <tr className={`border-t border-slate-100 dark:border-slate-800 ${k.revokedAt ? "text-slate-500 dark:text-slate-400" : ""}`}>
      <th scope="row" className="px-5 py-2 font-medium">{k.name}</th>
      <td className="px-3 py-2 font-mono text-xs">{k.prefix}_…</td>
      <td className="px-3 py-2">{SCOPES[k.scope]}</td>
      <td className="whitespace-nowrap px-3 py-2">{when(k.createdAt)}</td>
      <td className="whitespace-nowrap px-3 py-2">{k.lastUsedAt ? when(k.lastUsedAt) : "Never"}</td>
      <td className="whitespace-nowrap px-3 py-2">
        {k.revokedAt ? (
          <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-700 dark:text-slate-200">Revoked {k.revokedAt.slice(0, 10)}</span>
        ) : (
          <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100">Active</span>
        )}
      </td>
      {canManage && (
        <td className="px-5 py-2 text-right">
          {!k.revokedAt &&
            (confirming ? (
              <span role="group" aria-label={`Confirm revoking ${k.name}`} className="inline-flex flex-wrap items-center justify-end gap-2">
                <span className="text-xs">Scripts using it stop working at once.</span>
                <Button type="button" busy={busy} onClick={revoke} className="bg-red-600! hover:bg-red-700!">
                  Revoke {k.name}
                </Button>
                <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
                  Cancel
                </Button>
              </span>
            ) : (
              <Button type="button" variant="secondary" onClick={() => setConfirming(true)} aria-label={`Revoke ${k.name}…`}>
                Revoke…
              </Button>
            ))}
          {error && (
            <span role="alert" className="block text-sm text-red-600 dark:text-red-400">
              {error}
            </span>
          )}
        </td>
      )}
    </tr>
  );
}

function CreateKeyForm() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Record<string, string[]> } | null>(null);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    setBusy(true);
    setError(null);
    const name = String(form.get("name") ?? "");
    const result = await createApiKeyAction({ name, scope: form.get("scope") });
    setBusy(false);
    if (!result.ok) {
      setError({ message: result.message, fields: result.fields ?? {} });
      return;
    }
    formEl.reset();
    setCreated({ name: name.trim(), key: result.data.key });
    router.refresh();
  }

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
      <h2 className="text-base font-semibold">Create a key</h2>
      {created && (
        <SecretOnce key={created.key} title={`Copy the key “${created.name}” now: it is shown only this once.`} secret={created.key} testId="new-api-key" onDone={() => setCreated(null)}>
          tunecost keeps only a hash of it. If you lose it, revoke it and create another.
        </SecretOnce>
      )}
      <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
        {error && <AlertBox>{error.message}</AlertBox>}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Name" name="name" placeholder="e.g. nightly usage sync" error={error?.fields.name?.[0]} autoComplete="off" />
          <fieldset>
            <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Scope</legend>
            <div className="mt-2 flex flex-wrap gap-4 text-sm">
              <label className="flex items-center gap-2">
                <input type="radio" name="scope" value="READ" defaultChecked /> Read
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="scope" value="WRITE" /> Read-write
              </label>
            </div>
            {error?.fields.scope && <p className="mt-1 text-sm text-red-600 dark:text-red-400">{error.fields.scope[0]}</p>}
          </fieldset>
        </div>
        <Button type="submit" busy={busy}>
          Create key
        </Button>
      </form>
    </section>
  );
}
