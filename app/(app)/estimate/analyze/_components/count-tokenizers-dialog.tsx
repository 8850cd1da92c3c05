"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { CountableDataset } from "@/lib/datasets/token-counts";
import { CountOtherTokenizers } from "./count-other-tokenizers";

/**
 * "Count with other tokenizers" for a saved dataset: a modal dialog (the browser's own, so focus stays inside it and
 * Escape closes it) in which the user picks the file again. Closing it unmounts the counter, which ends its worker.
 */
export function CountTokenizersDialog({ dataset }: { dataset: CountableDataset }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const headingId = `count-tokenizers-${dataset.id}`;

  function show() {
    setOpen(true);
    dialog.current?.showModal();
  }

  return (
    <>
      <Button variant="secondary" className="whitespace-nowrap px-2 py-1 text-xs" onClick={show} aria-haspopup="dialog">
        Count with other tokenizers
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={headingId}
        onClose={() => setOpen(false)}
        className="m-auto w-full max-w-xl rounded-lg border border-slate-200 bg-white p-5 text-left text-slate-900 shadow-xl backdrop:bg-slate-900/40 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
      >
        <div className="mb-3 flex items-start justify-between gap-3">
          <h2 id={headingId} className="text-base font-semibold">
            Count “{dataset.name}” with other tokenizers
          </h2>
          <Button variant="ghost" className="px-2 py-1" onClick={() => dialog.current?.close()}>
            Close
          </Button>
        </div>
        {open && <CountOtherTokenizers dataset={dataset} />}
      </dialog>
    </>
  );
}
