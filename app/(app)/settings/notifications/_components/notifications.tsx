"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { SecretOnce } from "@/components/secret-once";
import { AlertBox } from "@/components/ui/alert-box";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { createWebhookAction, deleteWebhookAction, sendTestWebhookAction, setWebhookActiveAction } from "@/lib/webhooks/actions";
import type { DeliveryView, WebhookView } from "@/lib/webhooks/queries";

const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;
const FORMATS = { JSON: "JSON", SLACK: "Slack" } as const;
const card = "rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900";
const th = "px-3 py-2 font-medium first:pl-5 last:pr-5";
const td = "px-3 py-2 first:pl-5 last:pr-5";

const STATUS_STYLE = {
  SUCCEEDED: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100",
  PENDING: "bg-amber-100 text-amber-800 dark:bg-amber-900 dark:text-amber-100",
  FAILED: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100",
} as const;

function Badge({ status, attempts }: { status: keyof typeof STATUS_STYLE; attempts: number }) {
  const label = status === "SUCCEEDED" ? "Succeeded" : status === "FAILED" ? "Failed" : attempts === 0 ? "Queued" : "Retrying";
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[status]}`}>{label}</span>;
}

/** Settings → Notifications: the team's webhooks, adding one (its secret shown once), tests and the delivery log. */
export function Notifications({ webhooks, deliveries, emailEnabled }: { webhooks: WebhookView[]; deliveries: DeliveryView[]; emailEnabled: boolean }) {
  return (
    <div className="space-y-6">
      <section className={card}>
        <div className="p-5 pb-0">
          <h2 className="text-base font-semibold">Webhooks</h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Alerts that open, reopen, resolve or are acknowledged are POSTed to each active webhook, signed per{" "}
            <a className="underline" href="https://www.standardwebhooks.com/" target="_blank" rel="noreferrer">
              Standard Webhooks
            </a>{" "}
            (<code className="font-mono">webhook-id</code>, <code className="font-mono">webhook-timestamp</code>,{" "}
            <code className="font-mono">webhook-signature</code>). A failed delivery is retried for about an hour.
          </p>
        </div>
        {webhooks.length === 0 ? (
          <p className="p-5 text-sm text-slate-600 dark:text-slate-400">No webhooks yet.</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="w-full min-w-[48rem] text-left text-sm">
              <caption className="sr-only">Webhooks, newest first</caption>
              <thead className="whitespace-nowrap bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400 dark:bg-slate-800/50">
                <tr>
                  <th scope="col" className={th}>URL</th>
                  <th scope="col" className={th}>Format</th>
                  <th scope="col" className={th}>Created</th>
                  <th scope="col" className={th}>Status</th>
                  <th scope="col" className={th}><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {webhooks.map((w) => (
                  <WebhookRow key={w.id} webhook={w} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <CreateWebhookForm />
      <DeliveryLog deliveries={deliveries} />
      <AlertBox tone="info">
        {emailEnabled
          ? "E-mail is on: alerts are also e-mailed to the team's owners and admins."
          : "E-mail is off. Set SMTP_URL on the server to also e-mail alerts to the team's owners and admins."}
      </AlertBox>
    </div>
  );
}

function WebhookRow({ webhook: w }: { webhook: WebhookView }) {
  const router = useRouter();
  const [busy, setBusy] = useState<"test" | "toggle" | "delete" | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function run(kind: "test" | "toggle" | "delete") {
    setBusy(kind);
    setMessage(null);
    if (kind === "test") {
      const result = await sendTestWebhookAction({ id: w.id });
      if (!result.ok) setMessage({ ok: false, text: result.message });
      else if (result.data.status === "SUCCEEDED") setMessage({ ok: true, text: `Test delivered: HTTP ${result.data.statusCode}` });
      else setMessage({ ok: false, text: `Test failed: ${result.data.error}` });
    } else {
      const result = kind === "toggle" ? await setWebhookActiveAction({ id: w.id, active: !w.active }) : await deleteWebhookAction({ id: w.id });
      if (!result.ok) setMessage({ ok: false, text: result.message });
    }
    setBusy(null);
    router.refresh();
  }

  return (
    <tr className={`border-t border-slate-100 align-top dark:border-slate-800 ${w.active ? "" : "text-slate-500 dark:text-slate-400"}`}>
      <th scope="row" className={`${td} font-normal`}>
        <span className="break-all font-mono text-xs">{w.url}</span>
        {w.description && <span className="mt-0.5 block text-xs text-slate-500 dark:text-slate-400">{w.description}</span>}
      </th>
      <td className={td}>{FORMATS[w.format]}</td>
      <td className={`${td} whitespace-nowrap`}>{when(w.createdAt)}</td>
      <td className={`${td} whitespace-nowrap`}>
        {w.active ? (
          <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100">Active</span>
        ) : (
          <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-700 dark:text-slate-200">Paused</span>
        )}
      </td>
      <td className={`${td} text-right`}>
        {confirming ? (
          <span role="group" aria-label={`Confirm deleting ${w.url}`} className="inline-flex flex-wrap items-center justify-end gap-2">
            <span className="text-xs">Its delivery log goes too.</span>
            <Button type="button" busy={busy === "delete"} onClick={() => run("delete")} className="bg-red-600! hover:bg-red-700!">
              Delete webhook
            </Button>
            <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </span>
        ) : (
          <span className="inline-flex flex-wrap justify-end gap-2">
            <Button type="button" variant="secondary" busy={busy === "test"} disabled={busy !== null} onClick={() => run("test")}>
              Send test
            </Button>
            <Button type="button" variant="secondary" busy={busy === "toggle"} disabled={busy !== null} onClick={() => run("toggle")}>
              {w.active ? "Pause" : "Resume"}
            </Button>
            <Button type="button" variant="ghost" disabled={busy !== null} onClick={() => setConfirming(true)}>
              Delete…
            </Button>
          </span>
        )}
        {message && (
          <span role={message.ok ? "status" : "alert"} className={`mt-1 block text-sm ${message.ok ? "text-emerald-700 dark:text-emerald-300" : "text-red-600 dark:text-red-400"}`}>
            {message.text}
          </span>
        )}
      </td>
    </tr>
  );
}

function CreateWebhookForm() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Record<string, string[]> } | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    setBusy(true);
    setError(null);
    const result = await createWebhookAction({ url: form.get("url"), format: form.get("format"), description: form.get("description") ?? undefined });
    setBusy(false);
    if (!result.ok) {
      setError({ message: result.message, fields: result.fields ?? {} });
      return;
    }
    formEl.reset();
    setSecret(result.data.secret);
    router.refresh();
  }

  return (
    <section className={`${card} p-5`}>
      <h2 className="text-base font-semibold">Add a webhook</h2>
      {secret && (
        <SecretOnce key={secret} title="Copy the signing secret now: it is shown only this once." secret={secret} testId="new-webhook-secret" onDone={() => setSecret(null)}>
          Your receiver uses it to verify the webhook-signature header. If you lose it, delete the webhook and add it again.
        </SecretOnce>
      )}
      <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
        {error && <AlertBox>{error.message}</AlertBox>}
        <Field
          label="URL"
          name="url"
          type="url"
          placeholder="https://hooks.example.com/tunecost"
          hint="https only, and it must resolve to a public address."
          error={error?.fields.url?.[0]}
          autoComplete="off"
        />
        <fieldset>
          <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Format</legend>
          <div className="mt-2 flex flex-wrap gap-4 text-sm">
            <label className="flex items-center gap-2">
              <input type="radio" name="format" value="JSON" defaultChecked /> Generic JSON
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="format" value="SLACK" /> Slack-compatible text
            </label>
          </div>
          {error?.fields.format && <p className="mt-1 text-sm text-red-600 dark:text-red-400">{error.fields.format[0]}</p>}
        </fieldset>
        <Field label="Description (optional)" name="description" placeholder="e.g. #finops channel" error={error?.fields.description?.[0]} autoComplete="off" />
        <Button type="submit" busy={busy}>
          Add webhook
        </Button>
      </form>
    </section>
  );
}

function DeliveryLog({ deliveries }: { deliveries: DeliveryView[] }) {
  return (
    <section className={card}>
      <div className="p-5 pb-0">
        <h2 className="text-base font-semibold">Delivery log</h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">The latest 50 deliveries of all webhooks.</p>
      </div>
      {deliveries.length === 0 ? (
        <p className="p-5 text-sm text-slate-600 dark:text-slate-400">Nothing delivered yet. Send a test to try a webhook.</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full min-w-[48rem] text-left text-sm">
            <caption className="sr-only">Deliveries, newest first</caption>
            <thead className="whitespace-nowrap bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400 dark:bg-slate-800/50">
              <tr>
                <th scope="col" className={th}>Time</th>
                <th scope="col" className={th}>Event</th>
                <th scope="col" className={th}>Webhook</th>
                <th scope="col" className={th}>Status</th>
                <th scope="col" className={th}>Attempts</th>
                <th scope="col" className={th}>Last response</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id} className="border-t border-slate-100 align-top dark:border-slate-800">
                  <td className={`${td} whitespace-nowrap`}>{when(d.createdAt)}</td>
                  <td className={`${td} font-mono text-xs`}>{d.eventType}</td>
                  <td className={`${td} max-w-56 truncate font-mono text-xs`} title={d.webhookUrl}>
                    {d.webhookUrl}
                  </td>
                  <td className={`${td} whitespace-nowrap`}>
                    <Badge status={d.status} attempts={d.attempts} />
                  </td>
                  <td className={`${td} tabular-nums`}>{d.attempts}</td>
                  <td className={`${td} text-xs`}>
                    {d.lastError ?? (d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : "—")}
                    {d.nextAttemptAt && <span className="block text-slate-500 dark:text-slate-400">Next try {when(d.nextAttemptAt)}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
