import { describe, expect, it } from "vitest";
import { diagramNode, flowDiagram, listTimeline, wrapText } from "../kernel-lib/src/display/diagram";

describe("flowDiagram and listTimeline", () => {
  const nodes = [{ id: "a", x: 0, y: 1, label: "A<br>a", color: "red" }, { id: "b", x: 2, y: 0, label: "B", color: "blue" }];
  it("draws one line per edge, the nodes and their labels; edge labels at the middle", () => {
    const f = flowDiagram(nodes, [["a", "b", 3, "green", "link"]], { title: "t", x: [-1, 3], y: [-1, 2] });
    expect(f.data).toHaveLength(4);
    expect(f.data[0]).toMatchObject({ x: [0, 2], y: [1, 0], line: { color: "green", width: 3 } });
    expect(f.data[1]).toMatchObject({ x: [1], y: [0.63], text: ["link"] });
    expect(f.data[2].hovertext).toEqual(["A a", "B"]);
    expect(f.data[3].y).toEqual([1 - 0.22, -0.22]);
    expect(() => flowDiagram(nodes, [["a", "z"]], { title: "t", x: [0, 1], y: [0, 1] })).toThrow(/unknown node "z"/);
  });
  it("lists events top to bottom, spans as bars", () => {
    const f = listTimeline([{ x: 2001, label: "one" }, { x: 2005, xEnd: 2009, label: "two" }], { title: "t", labelX: 2000, x: [1990, 2010], ticks: [2000, 2010] });
    expect(f.data[0]).toMatchObject({ x: [2005, 2009], y: [1, 1] });
    expect(f.data[1].y).toEqual([2, 1]);
    expect(f.layout?.yaxis?.range).toEqual([-0.3, 2.7]);
  });
  it("diagramNode sets size only when given", () => {
    expect(diagramNode("a", 1, 2, "A", "red")).toEqual({ id: "a", x: 1, y: 2, label: "A", color: "red" });
    expect(diagramNode("a", 1, 2, "A", "red", 9).size).toBe(9);
  });
  it("wrapText breaks at spaces", () => {
    expect(wrapText("one two three four", 8)).toBe("one two<br>three<br>four");
  });
});
