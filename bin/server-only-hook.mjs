// Node module-resolution hook: `server-only` throws unless bundled for React
// Server Components; in the CLI/server process it is an empty module.
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
  return next(specifier, context);
}
