import "server-only";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getAlertOrThrow } from "@/lib/alerts/queries";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { AppError } from "@/lib/errors";

/**
 * The alert for its page, or Next's 404 page: a malformed id, a missing one and another team's all look the same.
 * No loading.tsx sits above this route: its Suspense boundary would stream a 200 before notFound() could answer 404.
 */
export async function loadAlertOr404(ctx: TeamContext, id: string) {
  if (!z.uuid().safeParse(id).success) notFound();
  try {
    return await getAlertOrThrow(ctx, id);
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  }
}
