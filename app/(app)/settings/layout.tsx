import type { ReactNode } from "react";
import { PageHeader } from "@/components/page-header";
import { SettingsTabs } from "./_components/settings-tabs";

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <PageHeader title="Settings" description="Team, members, prices, API keys and notifications." />
      <SettingsTabs />
      <div className="mt-6">{children}</div>
    </>
  );
}
