import { describe, expect, it } from "vitest";
import { lastPart, listed, suggestionText, withChosen } from "./attendee-suggestions";

describe("lastPart", () => {
  it("is what follows the last comma or semicolon, trimmed", () => {
    expect(lastPart("")).toBe("");
    expect(lastPart("An")).toBe("An");
    expect(lastPart("ana@example.com,  Bo Li")).toBe("Bo Li");
    expect(lastPart("ana@example.com; bo@example.com, ")).toBe("");
  });
});

describe("withChosen", () => {
  it("replaces the part being typed with the address and a comma for the next one", () => {
    expect(withChosen("an", "ana@example.com")).toBe("ana@example.com, ");
    expect(withChosen("ana@example.com,bo", "bo@example.com")).toBe("ana@example.com, bo@example.com, ");
    expect(withChosen("ana@example.com;  ", "carl@example.com")).toBe("ana@example.com; carl@example.com, ");
  });
});

describe("listed", () => {
  it("gives the addresses in the text, lower case, the one being typed too", () => {
    expect([...listed("Ana@Example.com, bo@example.com cy@example.com; bo")]).toEqual(["ana@example.com", "bo@example.com", "cy@example.com", "bo"]);
    expect(listed(" ").size).toBe(0);
  });
});

describe("suggestionText", () => {
  it("names the person, their address and how many meetings", () => {
    expect(suggestionText({ email: "ana@example.com", name: "Ana Lima", meetings: 4, last: "" })).toBe("Ana Lima · ana@example.com · 4 meetings");
    expect(suggestionText({ email: "bo@example.com", name: null, meetings: 1, last: "" })).toBe("bo@example.com · 1 meeting");
  });
});
