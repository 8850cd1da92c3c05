import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The unique index a write violated (e.g. "User_email_key"), or null when the
 * error is something else. Read from the driver adapter's structured cause,
 * never from message text (which quotes surrounding source code).
 */
export function violatedUniqueIndex(e: unknown): string | null {
  if (!(e instanceof Prisma.PrismaClientKnownRequestError) || e.code !== "P2002") return null;
  const meta = e.meta as
    | { target?: string | string[]; driverAdapterError?: { cause?: { constraint?: { index?: string; fields?: string[] } } } }
    | undefined;
  const constraint = meta?.driverAdapterError?.cause?.constraint;
  if (constraint?.index) return constraint.index;
  if (typeof meta?.target === "string") return meta.target;
  return "unknown";
}
