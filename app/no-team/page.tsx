import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { getSessionUser } from "@/lib/auth/guards";
import { SignOutButton } from "./sign-out-button";

export const metadata: Metadata = { title: "No team" };

export default async function NoTeamPage() {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  if (user.memberships.length > 0) redirect("/");
  return (
    <main className="mx-auto max-w-lg px-4 py-24">
      <EmptyState title="You are not in a team" action={<SignOutButton />}>
        Your account ({user.email}) is no longer a member of any team. Ask a team owner to invite you again.
      </EmptyState>
    </main>
  );
}
