import "server-only";
import type { TeamContext } from "./resolve-context";

/** The `where` fragment that confines a query to the caller's team. Every team-owned read and write goes through it. */
export function teamScope(ctx: TeamContext): { teamId: string } {
  return { teamId: ctx.teamId };
}

/** For shared catalog data: global rows (teamId null) plus the caller's own team rows, never another team's. */
export function teamOrGlobalScope(ctx: TeamContext): { OR: [{ teamId: null }, { teamId: string }] } {
  return { OR: [{ teamId: null }, { teamId: ctx.teamId }] };
}
