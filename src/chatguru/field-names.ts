/**
 * ChatGuru addresses custom fields and context variables by an "API name" derived from the name shown in the panel:
 * `|` → `__`, whitespace → `_`, accents removed. `CRM | Link negócio` → `field__CRM__Link_negocio`.
 */

const FIELD_PREFIX = "field__";
const VAR_PREFIX = "var__";

/** Panel name → API name body (no prefix): `CRM | Link negócio` → `CRM__Link_negocio`. */
export function toApiNameBody(name: string): string {
  return (
    name
      .normalize("NFD")
      // Combining marks left by NFD are the accents: "negócio" → "negocio", "Ação" → "Acao".
      .replace(/\p{M}+/gu, "")
      .trim()
      // The panel shows "CRM | Link" but the API name is "CRM__Link": the spaces around the bar are not kept.
      .replace(/\s*\|\s*/g, "__")
      .replace(/\s+/g, "_")
  );
}

/** `Email` → `field__Email`; a name already in API form (`field__X`) passes unchanged. */
export function toFieldApiName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.startsWith(FIELD_PREFIX)) return trimmed;
  return FIELD_PREFIX + toApiNameBody(trimmed);
}

/** Context variable for chat_update_context: `Plano atual` → `var__Plano_atual`; `var__X` passes unchanged. */
export function toContextVarName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.startsWith(VAR_PREFIX)) return trimmed;
  return VAR_PREFIX + toApiNameBody(trimmed);
}

/** `field__CRM__Link_negocio` → `CRM__Link_negocio` (how ChatGuru names the field in its error messages). */
export function stripFieldPrefix(apiName: string): string {
  return apiName.startsWith(FIELD_PREFIX) ? apiName.slice(FIELD_PREFIX.length) : apiName;
}

export function isFieldApiName(param: string): boolean {
  return param.startsWith(FIELD_PREFIX) && param.length > FIELD_PREFIX.length;
}

export function isContextVarName(param: string): boolean {
  return param.startsWith(VAR_PREFIX) && param.length > VAR_PREFIX.length;
}
