import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth-card";
import { AlertBox } from "@/components/ui/alert-box";
import { getSessionUser } from "@/lib/auth/guards";
import { unusableInvitationMessage } from "@/lib/members/mutations";
import { accountExists, unsafeFindInvitationByToken } from "@/lib/members/queries";
import { invitationTokenSchema } from "@/lib/members/schemas";
import { AcceptInvitation, InviteLogInForm, InviteSignUpForm, LogOutToSwitch } from "./_components/invite-forms";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

const TITLES = { accepted: "Invitation already used", revoked: "Invitation withdrawn", expired: "Invitation expired" } as const;

const backLink = (
  <Link className="font-medium text-brand-600 hover:underline dark:text-brand-400" href="/">
    Go to tunecost
  </Link>
);

/** An invitation link: who invites whom to which team, then the one step that fits (join, log in, or sign up). */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = invitationTokenSchema.safeParse(token).success ? await unsafeFindInvitationByToken(token) : null;
  if (!invitation) {
    return (
      <AuthCard title="Invitation not found" footer={backLink}>
        <AlertBox>This invitation link is not valid. Check that you copied all of it, or ask the team&apos;s owner for a new one.</AlertBox>
      </AuthCard>
    );
  }
  if (invitation.state !== "valid") {
    return (
      <AuthCard title={TITLES[invitation.state]} footer={backLink}>
        <AlertBox>{unusableInvitationMessage(invitation.state)}</AlertBox>
      </AuthCard>
    );
  }

  const role = invitation.role.toLowerCase();
  const intro = (
    <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">
      {invitation.invitedByName ?? "A team owner"} invited <strong className="break-all">{invitation.email}</strong> to join <strong>{invitation.teamName}</strong> as{" "}
      {role === "admin" ? "an" : "a"} {role}. The link works until {invitation.expiresAt.toISOString().slice(0, 10)}.
    </p>
  );

  const user = await getSessionUser();
  if (user) {
    const member = user.memberships.some((m) => m.teamId === invitation.teamId);
    return (
      <AuthCard title={`Join ${invitation.teamName}`}>
        {intro}
        {member ? (
          <AlertBox tone="info">
            You are already a member of {invitation.teamName}. {backLink}
          </AlertBox>
        ) : user.email === invitation.email ? (
          <AcceptInvitation token={token} teamName={invitation.teamName} />
        ) : (
          <LogOutToSwitch token={token} signedInAs={user.email} invitedEmail={invitation.email} />
        )}
      </AuthCard>
    );
  }

  const hasAccount = await accountExists(invitation.email);
  return (
    <AuthCard title={`Join ${invitation.teamName}`}>
      {intro}
      {hasAccount ? <InviteLogInForm token={token} email={invitation.email} /> : <InviteSignUpForm token={token} email={invitation.email} />}
    </AuthCard>
  );
}
