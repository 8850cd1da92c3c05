"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { SecretOnce } from "@/components/secret-once";
import { AlertBox } from "@/components/ui/alert-box";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import type { ActionResult } from "@/lib/auth/guards";
import {
  changeMemberRoleAction,
  inviteMemberAction,
  leaveTeamAction,
  removeMemberAction,
  resendInvitationAction,
  revokeInvitationAction,
  transferOwnershipAction,
  type InvitationLinkView,
} from "@/lib/members/actions";

type Role = "OWNER" | "ADMIN" | "MEMBER" | "VIEWER";

export interface MemberRowView {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: string;
}

export interface InvitationRowView {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
}

const ASSIGNABLE = [
  { value: "ADMIN", label: "Admin" },
  { value: "MEMBER", label: "Member" },
  { value: "VIEWER", label: "Viewer" },
] as const;

const ROLE_LABEL: Record<Role, string> = { OWNER: "Owner", ADMIN: "Admin", MEMBER: "Member", VIEWER: "Viewer" };
const day = (iso: string) => iso.slice(0, 10);
const danger = "bg-red-600! hover:bg-red-700! text-white!";

/** Members and invitations of the team: owners manage them, everyone else reads. */
export function Members({
  members,
  invitations,
  currentUserId,
  canManage,
  canTransfer,
  emailEnabled,
}: {
  members: MemberRowView[];
  invitations: InvitationRowView[];
  currentUserId: string;
  canManage: boolean;
  canTransfer: boolean;
  emailEnabled: boolean;
}) {
  const [issued, setIssued] = useState<InvitationLinkView | null>(null);
  const me = members.find((m) => m.userId === currentUserId);
  const owners = members.filter((m) => m.role === "OWNER").length;

  return (
    <div className="space-y-6">
      <section aria-labelledby="members-heading" className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="p-5 pb-0">
          <h2 id="members-heading" className="text-base font-semibold">
            Members ({members.length})
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Viewers read everything; members also log usage and import; admins manage projects, models, prices, alert rules, API keys and webhooks;
            owners also manage members and the team.
          </p>
        </div>
        <div className="mt-3 overflow-x-auto">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <caption className="sr-only">Team members, owners first</caption>
            <thead className="whitespace-nowrap bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400 dark:bg-slate-800/50">
              <tr>
                <th scope="col" className="px-5 py-2 font-medium">Name</th>
                <th scope="col" className="px-3 py-2 font-medium">E-mail</th>
                <th scope="col" className="px-3 py-2 font-medium">Role</th>
                <th scope="col" className="px-3 py-2 font-medium">Joined</th>
                {canManage && <th scope="col" className="px-5 py-2"><span className="sr-only">Actions</span></th>}
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <MemberRow key={m.userId} member={m} isMe={m.userId === currentUserId} canManage={canManage} canTransfer={canTransfer} />
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {canManage ? (
        <InviteForm emailEnabled={emailEnabled} issued={issued} onIssued={setIssued} />
      ) : (
        <AlertBox tone="info">Only the team&apos;s owners can invite people, change roles or remove members.</AlertBox>
      )}

      <PendingInvitations invitations={invitations} canManage={canManage} onIssued={setIssued} />

      {me && <LeaveTeam lastOwner={me.role === "OWNER" && owners <= 1} />}
    </div>
  );
}

/** An action's error text, or null; a thrown request (network) becomes a sentence too. */
async function attempt<T>(run: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await run();
  } catch {
    return { ok: false, code: "network", message: "The server could not be reached. Check your connection and try again." };
  }
}

/** "Are you sure?" in place of the button that asked, with the consequence spelled out. */
function Confirm({ label, children, confirmText, busy, onConfirm, onCancel }: { label: string; children: ReactNode; confirmText: string; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <span role="group" aria-label={label} className="inline-flex flex-wrap items-center justify-end gap-2">
      <span className="text-xs">{children}</span>
      <Button type="button" busy={busy} onClick={onConfirm} className={danger} autoFocus>
        {confirmText}
      </Button>
      <Button type="button" variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
    </span>
  );
}

function MemberRow({ member: m, isMe, canManage, canTransfer }: { member: MemberRowView; isMe: boolean; canManage: boolean; canTransfer: boolean }) {
  const router = useRouter();
  const [role, setRole] = useState<Role>(m.role);
  const [confirming, setConfirming] = useState<"remove" | "transfer" | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const editable = canManage && !isMe && m.role !== "OWNER";

  async function run(action: () => Promise<ActionResult>) {
    setBusy(true);
    setError(null);
    setSaved(false);
    const result = await attempt(action);
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return false;
    }
    setConfirming(null);
    router.refresh();
    return true;
  }

  async function saveRole(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (await run(() => changeMemberRoleAction({ userId: m.userId, role }))) setSaved(true);
  }

  return (
    <tr className="border-t border-slate-100 align-top dark:border-slate-800" data-testid={`member-${m.email}`}>
      <th scope="row" className="px-5 py-2 font-medium">
        {m.name}
        {isMe && <span className="ml-2 text-xs font-normal text-slate-500 dark:text-slate-400">(you)</span>}
      </th>
      <td className="break-all px-3 py-2">{m.email}</td>
      <td className="px-3 py-2">
        {editable ? (
          <form onSubmit={saveRole} className="flex items-center gap-2">
            <label htmlFor={`role-${m.userId}`} className="sr-only">
              Role of {m.name}
            </label>
            <select
              id={`role-${m.userId}`}
              value={role}
              onChange={(e) => {
                setRole(e.target.value as Role);
                setSaved(false);
              }}
              className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
            >
              {ASSIGNABLE.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
            {role !== m.role && (
              <Button type="submit" variant="secondary" busy={busy} className="px-2! py-1!">
                Save role
              </Button>
            )}
            {saved && role === m.role && (
              <span role="status" className="text-xs text-emerald-700 dark:text-emerald-400">
                Saved
              </span>
            )}
          </form>
        ) : (
          ROLE_LABEL[m.role]
        )}
      </td>
      <td className="whitespace-nowrap px-3 py-2">{day(m.joinedAt)}</td>
      {canManage && (
        <td className="px-5 py-2 text-right">
          {!isMe && confirming === null && (
            <span className="inline-flex flex-wrap justify-end gap-2">
              {canTransfer && m.role !== "OWNER" && (
                <Button type="button" variant="secondary" onClick={() => setConfirming("transfer")} aria-label={`Make ${m.name} the owner…`}>
                  Make owner…
                </Button>
              )}
              <Button type="button" variant="secondary" onClick={() => setConfirming("remove")} aria-label={`Remove ${m.name}…`}>
                Remove…
              </Button>
            </span>
          )}
          {confirming === "remove" && (
            <Confirm
              label={`Confirm removing ${m.name}`}
              confirmText={`Remove ${m.name}`}
              busy={busy}
              onConfirm={() => void run(() => removeMemberAction({ userId: m.userId }))}
              onCancel={() => setConfirming(null)}
            >
              They lose access to this team at once.
            </Confirm>
          )}
          {confirming === "transfer" && (
            <Confirm
              label={`Confirm transferring ownership to ${m.name}`}
              confirmText={`Make ${m.name} the owner`}
              busy={busy}
              onConfirm={() => void run(() => transferOwnershipAction({ userId: m.userId }))}
              onCancel={() => setConfirming(null)}
            >
              You become an admin and can no longer manage members.
            </Confirm>
          )}
          {error && (
            <span role="alert" className="mt-1 block text-sm text-red-600 dark:text-red-400">
              {error}
            </span>
          )}
        </td>
      )}
    </tr>
  );
}

function InviteForm({ emailEnabled, issued, onIssued }: { emailEnabled: boolean; issued: InvitationLinkView | null; onIssued: (i: InvitationLinkView | null) => void }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Record<string, string[]> } | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    setBusy(true);
    setError(null);
    const result = await attempt(() => inviteMemberAction({ email: String(form.get("email") ?? ""), role: String(form.get("role") ?? "") }));
    setBusy(false);
    if (!result.ok) {
      setError({ message: result.message, fields: result.fields ?? {} });
      return;
    }
    formEl.reset();
    onIssued(result.data);
    router.refresh();
  }

  return (
    <section aria-labelledby="invite-heading" className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="invite-heading" className="text-base font-semibold">
        Invite someone
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        {emailEnabled ? "We e-mail them a link, and show it here for you to copy." : "Copy the link and send it to them (e-mail is not set up on this server)."} The link
        works once, for that e-mail address, for 7 days.
      </p>
      {issued && (
        <SecretOnce
          key={issued.link}
          title={`Invitation link for ${issued.email} (${issued.role.toLowerCase()})`}
          secret={issued.link}
          testId="invitation-link"
          onDone={() => onIssued(null)}
        >
          {issued.emailed ? "It is on its way by e-mail too. " : ""}It is shown only now; if it gets lost, send a new link from the list below.
        </SecretOnce>
      )}
      <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
        {error && <AlertBox>{error.message}</AlertBox>}
        <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
          <Field label="E-mail address" name="email" type="email" autoComplete="off" required error={error?.fields.email?.[0]} />
          <SelectField label="Role" name="role" defaultValue="MEMBER" error={error?.fields.role?.[0]}>
            {ASSIGNABLE.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </SelectField>
        </div>
        <Button type="submit" busy={busy}>
          {busy ? "Inviting…" : "Invite"}
        </Button>
      </form>
    </section>
  );
}

function PendingInvitations({ invitations, canManage, onIssued }: { invitations: InvitationRowView[]; canManage: boolean; onIssued: (i: InvitationLinkView) => void }) {
  return (
    <section aria-labelledby="pending-heading" className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <h2 id="pending-heading" className="p-5 pb-0 text-base font-semibold">
        Pending invitations
      </h2>
      {invitations.length === 0 ? (
        <p className="p-5 text-sm text-slate-600 dark:text-slate-400">No pending invitations.</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <caption className="sr-only">Invitations not yet accepted, newest first</caption>
            <thead className="whitespace-nowrap bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400 dark:bg-slate-800/50">
              <tr>
                <th scope="col" className="px-5 py-2 font-medium">E-mail</th>
                <th scope="col" className="px-3 py-2 font-medium">Role</th>
                <th scope="col" className="px-3 py-2 font-medium">Expires</th>
                {canManage && <th scope="col" className="px-5 py-2"><span className="sr-only">Actions</span></th>}
              </tr>
            </thead>
            <tbody>
              {invitations.map((i) => (
                <InvitationRow key={i.id} invitation={i} canManage={canManage} onIssued={onIssued} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function InvitationRow({ invitation: i, canManage, onIssued }: { invitation: InvitationRowView; canManage: boolean; onIssued: (i: InvitationLinkView) => void }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<"resend" | "revoke" | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function resend() {
    setBusy("resend");
    setError(null);
    const result = await attempt(() => resendInvitationAction({ id: i.id }));
    setBusy(null);
    if (!result.ok) return setError(result.message);
    onIssued(result.data);
    router.refresh();
  }

  async function revoke() {
    setBusy("revoke");
    setError(null);
    const result = await attempt(() => revokeInvitationAction({ id: i.id }));
    setBusy(null);
    if (!result.ok) return setError(result.message);
    setConfirming(false);
    router.refresh();
  }

  return (
    <tr className="border-t border-slate-100 align-top dark:border-slate-800" data-testid={`invitation-${i.email}`}>
      <th scope="row" className="break-all px-5 py-2 font-medium">{i.email}</th>
      <td className="px-3 py-2">{ROLE_LABEL[i.role]}</td>
      <td className="whitespace-nowrap px-3 py-2">
        {i.expired ? (
          <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900 dark:text-amber-100">Expired {day(i.expiresAt)}</span>
        ) : (
          day(i.expiresAt)
        )}
      </td>
      {canManage && (
        <td className="px-5 py-2 text-right">
          {confirming ? (
            <Confirm label={`Confirm revoking the invitation of ${i.email}`} confirmText="Revoke invitation" busy={busy === "revoke"} onConfirm={() => void revoke()} onCancel={() => setConfirming(false)}>
              The link stops working.
            </Confirm>
          ) : (
            <span className="inline-flex flex-wrap justify-end gap-2">
              <Button type="button" variant="secondary" busy={busy === "resend"} onClick={() => void resend()} aria-label={`New link for ${i.email}`}>
                New link
              </Button>
              <Button type="button" variant="secondary" onClick={() => setConfirming(true)} aria-label={`Revoke the invitation of ${i.email}…`}>
                Revoke…
              </Button>
            </span>
          )}
          {error && (
            <span role="alert" className="mt-1 block text-sm text-red-600 dark:text-red-400">
              {error}
            </span>
          )}
        </td>
      )}
    </tr>
  );
}

function LeaveTeam({ lastOwner }: { lastOwner: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function leave() {
    setBusy(true);
    setError(null);
    const result = await attempt(() => leaveTeamAction({}));
    if (!result.ok) {
      setBusy(false);
      setError(result.message);
      return;
    }
    router.replace("/");
    router.refresh();
  }

  return (
    <section aria-labelledby="leave-heading" className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="leave-heading" className="text-base font-semibold">
        Leave this team
      </h2>
      {lastOwner ? (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">You are the team&apos;s only owner: make another member the owner before you leave.</p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">You lose access to this team&apos;s projects, models and usage. An owner can invite you again.</p>
          <div className="mt-3">
            {confirming ? (
              <Confirm label="Confirm leaving the team" confirmText="Leave team" busy={busy} onConfirm={() => void leave()} onCancel={() => setConfirming(false)}>
                This takes effect at once.
              </Confirm>
            ) : (
              <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
                Leave team…
              </Button>
            )}
          </div>
        </>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </section>
  );
}
