"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/guards";

/**
 * Archives or restores a project or model through the given server action. Nothing is deleted: an archived
 * model leaves the Usage grid and its history stays; restoring brings everything back.
 */
export function ArchiveToggleButton({
  id,
  archived,
  action,
}: {
  id: string;
  archived: boolean;
  action: (input: { id: string; archived: boolean }) => Promise<ActionResult>;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function toggle() {
    setBusy(true);
    setError(null);
    const result = await action({ id, archived: !archived });
    setBusy(false);
    if (!result.ok) setError(result.message);
    else router.refresh();
  }

  return (
    <span className="inline-flex flex-col items-end">
      <Button type="button" variant="secondary" busy={busy} onClick={toggle}>
        {archived ? "Restore" : "Archive"}
      </Button>
      {error && (
        <span role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
          {error}
        </span>
      )}
    </span>
  );
}
