import { describe, expect, it } from "vitest";
import { DEFAULT_WRITE_BACK } from "../../../src/core/row-result.js";
import { resultLayout, writeBackValue } from "../../../src/sinks/result-layout.js";

describe("resultLayout", () => {
  it("appends write_back columns, reuses one already in the input, and fills this run's values", () => {
    const layout = resultLayout(["Nome", DEFAULT_WRITE_BACK.status], ["status", "error"], DEFAULT_WRITE_BACK);
    expect(layout.outputHeaders).toEqual(["Nome", DEFAULT_WRITE_BACK.status, DEFAULT_WRITE_BACK.error]);
    const values = { Nome: "Ana", [DEFAULT_WRITE_BACK.status]: "old status" };
    expect(layout.record({ seq: 0, rowNumber: 2, values, status: "created" })).toEqual(["Ana", "created", ""]);
    expect(layout.record({ seq: 1, rowNumber: 3, values: {}, error: "E: x" })).toEqual(["", "", "E: x"]);
  });
});

describe("writeBackValue", () => {
  it("reads the RowResult field of each slot, message columns included", () => {
    const result = { seq: 0, rowNumber: 2, values: {}, chatAddId: "a1", messageId: "m1", messageStatus: "sent" };
    expect(writeBackValue(result, "chat_add_id")).toBe("a1");
    expect(writeBackValue(result, "message_id")).toBe("m1");
    expect(writeBackValue(result, "message_status")).toBe("sent");
    expect(writeBackValue(result, "status")).toBe("");
  });
});
