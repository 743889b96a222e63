/** Human name of a JSON path: `custom_fields."CRM | Link".column`. */
export function describePath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((segment, i) => {
      if (typeof segment === "number") return `[${segment}]`;
      const text = String(segment);
      const plain = /^[A-Za-z_$][\w$]*$/.test(text) ? text : JSON.stringify(text);
      return i === 0 ? plain : `.${plain}`;
    })
    .join("");
}
