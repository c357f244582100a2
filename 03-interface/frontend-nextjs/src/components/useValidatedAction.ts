"use client";

import { type FormEvent, startTransition, useActionState, useState } from "react";
import type { z } from "zod";

import type { FormState } from "@/lib/form-state";
import { type FieldErrors, fieldErrors } from "@/lib/validation";

/**
 * Runs a server action from a form after checking the fields in the browser with the same zod
 * schema the action uses. Invalid forms are never sent; the fields keep what the person typed.
 */
export function useValidatedAction<State extends FormState = FormState>(
  schema: z.ZodType,
  action: (state: Awaited<State>, data: FormData) => Promise<State>,
) {
  const [state, dispatch, pending] = useActionState<State, FormData>(action, {} as Awaited<State>);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = schema.safeParse(Object.fromEntries(data));
    if (!parsed.success) {
      setClientErrors(fieldErrors(parsed.error));
      return;
    }
    setClientErrors(null);
    startTransition(() => dispatch(data));
  }

  const errors: FieldErrors = clientErrors ?? state.fieldErrors ?? {};
  return { state, errors, pending, onSubmit, formError: clientErrors ? undefined : state.error };
}
