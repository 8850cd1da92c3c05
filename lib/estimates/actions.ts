"use server";
import "server-only";
import { runAction, type ActionResult } from "@/lib/auth/guards";
import { calculateForTeamOrThrow, type CalculatorResult } from "./queries";
import { calculatorInputSchema } from "./schemas";

/** The Estimate page's calculation, on the server so prices come from the team's catalog. Stateless: nothing is written. */
export async function estimateAction(input: unknown): Promise<ActionResult<CalculatorResult>> {
  return runAction("team:read", calculatorInputSchema, input, (ctx, data) => calculateForTeamOrThrow(ctx, data));
}
