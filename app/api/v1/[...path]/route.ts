import { apiRoute } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";

// Unknown API paths: 401 without credentials (nothing about the API is told
// to anonymous callers), 404 JSON otherwise.
const unknown = apiRoute("team:read", async () => {
  throw new AppError("not_found", "No such API route.");
});

export { unknown as GET, unknown as POST, unknown as PUT, unknown as PATCH, unknown as DELETE };
