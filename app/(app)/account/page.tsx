import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { requirePageContext } from "@/lib/auth/guards";
import { ChangePasswordForm, ProfileForm } from "./_components/account-forms";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const { user } = await requirePageContext();
  return (
    <>
      <PageHeader title="Account" description={`Your name and password. You log in as ${user.email}.`} />
      <div className="max-w-xl space-y-6">
        <ProfileForm name={user.name} />
        <ChangePasswordForm email={user.email} />
      </div>
    </>
  );
}
