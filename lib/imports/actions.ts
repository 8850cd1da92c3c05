"use server";
import "server-only";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/auth/guards";
import { commitUsageImport, type ImportResult } from "./mutations";
import { prepareUsageImport, type ImportPreview } from "./queries";
import { importInputSchema } from "./schemas";

// The file travels as multipart form data (not a JSON string), so 20 MB of CSV stays 20 MB on the wire.
const fromForm = (form: FormData) => ({ format: form.get("format"), file: form.get("file") });

/** Checks a usage file (CSV or OpenAI export) and shows what importing it would do; writes nothing. */
export async function previewImportAction(form: FormData): Promise<ActionResult<ImportPreview>> {
  return runAction("usage:write", importInputSchema, fromForm(form), async (ctx, d) => {
    const { preview } = await prepareUsageImport(ctx, { format: d.format, text: await d.file.text() });
    return preview;
  });
}

/** Imports a usage file all or nothing. */
export async function commitImportAction(form: FormData): Promise<ActionResult<ImportResult>> {
  return runAction("usage:write", importInputSchema, fromForm(form), async (ctx, d) => {
    // Pasted text is sent as a Blob, which multipart parsing turns into a File named "blob".
    const fileName = d.file instanceof File && d.file.name !== "blob" ? d.file.name : null;
    const result = await commitUsageImport(ctx, { format: d.format, text: await d.file.text(), fileName });
    revalidatePath("/usage");
    return result;
  });
}
