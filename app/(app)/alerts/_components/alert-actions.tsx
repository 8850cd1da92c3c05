"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent, type KeyboardEvent } from "react";
import { AlertBox } from "@/components/ui/alert-box";
import { Button } from "@/components/ui/button";
import { acknowledgeAlertAction, snoozeAlertAction } from "@/lib/alerts/actions";
import type { AlertStatus } from "@/lib/alerts/schemas";
import { snoozeEndText } from "./alert-format";

const NOTE_MAX = 1000;

/**
 * Acknowledge (with an optional note) and snooze. Each shows its own pending state and error, and refreshes the page
 * on success, which also refreshes the open-alert count in the navigation. Viewers see why there is nothing to do.
 */
export function AlertActions({
  id,
  status,
  snoozedUntil,
  snoozed,
  canWrite,
}: {
  id: string;
  status: AlertStatus;
  snoozedUntil: string | null;
  snoozed: boolean;
  canWrite: boolean;
}) {
  const router = useRouter();
  const [acking, startAck] = useTransition();
  const [snoozing, startSnooze] = useTransition();
  const [note, setNote] = useState("");
  const [error, setError] = useState<{ action: "ack" | "snooze"; text: string; note?: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  function acknowledge(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setDone(null);
    startAck(async () => {
      const result = await acknowledgeAlertAction({ id, note: note.trim() === "" ? undefined : note });
      if (!result.ok) {
        setError({ action: "ack", text: result.message, note: result.fields?.note?.[0] });
        if (result.code === "conflict") router.refresh(); // resolved meanwhile: show its current state
        return;
      }
      setNote("");
      setDone("Alert acknowledged.");
      router.refresh();
    });
  }

  function snooze() {
    setError(null);
    setDone(null);
    startSnooze(async () => {
      const result = await snoozeAlertAction({ id });
      if (!result.ok) {
        setError({ action: "snooze", text: result.message });
        return;
      }
      setDone(`Snoozed until ${result.data.snoozedUntil ? snoozeEndText(result.data.snoozedUntil) : "the end of the month"}.`);
      router.refresh();
    });
  }

  // Ctrl+Enter (⌘+Enter) sends the note from inside the text area, as in most comment boxes.
  function onNoteKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  }

  const snoozeNote =
    snoozed && snoozedUntil ? (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Snoozed: no notifications for this alert until {snoozeEndText(snoozedUntil)}. It still updates here.
      </p>
    ) : null;

  if (status === "RESOLVED") {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Resolved: nothing to do. It reopens by itself if its condition returns.
      </p>
    );
  }
  if (!canWrite) {
    return (
      <div className="space-y-2">
        {snoozeNote}
        <p className="text-sm text-slate-600 dark:text-slate-400">You can view this alert; acknowledging and snoozing need the member role or higher.</p>
      </div>
    );
  }

  const noteError = error?.action === "ack" ? error.note : undefined;
  return (
    <div className="space-y-4">
      {done && <AlertBox tone="info">{done}</AlertBox>}
      {status === "OPEN" && (
        <form onSubmit={acknowledge} noValidate aria-label="Acknowledge this alert" className="space-y-2">
          <div className="space-y-1">
            <label htmlFor="alert-note" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
              Note (optional)
            </label>
            <textarea
              id="alert-note"
              name="note"
              rows={3}
              maxLength={NOTE_MAX}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              onKeyDown={onNoteKeyDown}
              aria-invalid={noteError ? true : undefined}
              aria-describedby={noteError ? "alert-note-error" : "alert-note-hint"}
              placeholder="What you found or did, for your team"
              className={`block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm dark:bg-slate-900 ${
                noteError ? "border-red-500" : "border-slate-300 dark:border-slate-700"
              }`}
            />
            {noteError ? (
              <p id="alert-note-error" className="text-sm text-red-600 dark:text-red-400">
                {noteError}
              </p>
            ) : (
              <p id="alert-note-hint" className="text-xs text-slate-500 dark:text-slate-400">
                Kept in the alert's history with your name. Ctrl+Enter sends.
              </p>
            )}
          </div>
          {error?.action === "ack" && <AlertBox>{error.text}</AlertBox>}
          <Button type="submit" busy={acking} disabled={snoozing}>
            {acking ? "Acknowledging…" : "Acknowledge"}
          </Button>
        </form>
      )}
      {snoozed ? (
        snoozeNote
      ) : (
        <div className="space-y-2 border-t border-slate-100 pt-4 dark:border-slate-800">
          <Button type="button" variant="secondary" busy={snoozing} disabled={acking} onClick={snooze}>
            {snoozing ? "Snoozing…" : "Snooze for this month"}
          </Button>
          <p className="text-xs text-slate-500 dark:text-slate-400">No webhook or e-mail for this alert until its month is over; it still updates here.</p>
          {error?.action === "snooze" && <AlertBox>{error.text}</AlertBox>}
        </div>
      )}
    </div>
  );
}
