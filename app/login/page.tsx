import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { getSessionUser } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { LoginForm } from "./_components/login-form";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string; signedUp?: string }> }) {
  if (await getSessionUser()) redirect("/");
  const { error, signedUp } = await searchParams;
  return (
    <AuthCard
      title="Log in"
      footer={
        env().TUNECOST_SIGNUP_ENABLED ? (
          <>
            New here?{" "}
            <Link className="font-medium text-brand-600 dark:text-brand-400 hover:underline" href="/signup">
              Create an account
            </Link>
          </>
        ) : (
          "Ask your team's admin for an account."
        )
      }
    >
      <LoginForm initialError={error} signedUp={signedUp === "1"} />
    </AuthCard>
  );
}
