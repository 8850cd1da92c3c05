/** Liveness probe for load balancers and the benchmarks' baseline; touches nothing. */
export function GET(): Response {
  return Response.json({ ok: true });
}
