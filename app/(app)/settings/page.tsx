import type { Metadata } from "next";
import Link from "next/link";
import { requirePageContext } from "@/lib/auth/guards";
import { getTeamOverviewOrThrow } from "@/lib/teams/queries";

export const metadata: Metadata = { title: "Team settings" };

export default async function TeamSettingsPage() {
  const { ctx } = await requirePageContext();
  const team = await getTeamOverviewOrThrow(ctx);
  return (
    <div className="space-y-6">
      <section className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
        <h2 className="text-base font-semibold">Team</h2>
        <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Name</dt>
            <dd className="font-medium">{team.name}</dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Slug (for the CLI)</dt>
            <dd className="font-mono">{team.slug}</dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Your role</dt>
            <dd className="font-medium">{ctx.role.toLowerCase()}</dd>
          </div>
        </dl>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
        <h2 className="text-base font-semibold">Members</h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Invite people and change roles in <Link className="font-medium text-brand-600 hover:underline dark:text-brand-400" href="/settings/members">Members</Link>, or add them with{" "}
          <code className="font-mono">npx tunecost user create --team {team.slug} …</code>.
        </p>
        <table className="mt-3 w-full text-left text-sm">
          <thead className="text-slate-500 dark:text-slate-400">
            <tr>
              <th className="py-2 font-medium">Name</th>
              <th className="py-2 font-medium">E-mail</th>
              <th className="py-2 font-medium">Role</th>
            </tr>
          </thead>
          <tbody>
            {team.memberships.map((m) => (
              <tr key={m.user.email} className="border-t border-slate-100 dark:border-slate-800">
                <td className="py-2">{m.user.name}</td>
                <td className="py-2">{m.user.email}</td>
                <td className="py-2">{m.role.toLowerCase()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
