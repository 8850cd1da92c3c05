import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { EmptyState } from "@/components/ui/empty-state";
import { getSessionUser } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { SignUpForm } from "./_components/signup-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await getSessionUser()) redirect("/");
  if (!env().TUNECOST_SIGNUP_ENABLED) {
    return (
      <main className="mx-auto max-w-lg px-4 py-24">
        <EmptyState title="Sign-up is turned off" action={<Link className="text-brand-600 dark:text-brand-400 hover:underline" href="/login">Go to log in</Link>}>
          This tunecost server is private. Ask your team&apos;s admin to create an account for you.
        </EmptyState>
      </main>
    );
  }
  return (
    <AuthCard
      title="Create your account"
      footer={
        <>
          Already have an account?{" "}
          <Link className="font-medium text-brand-600 dark:text-brand-400 hover:underline" href="/login">
            Log in
          </Link>
        </>
      }
    >
      <SignUpForm />
    </AuthCard>
  );
}
