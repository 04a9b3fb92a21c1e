// The block editor's own paste handler, outside the browser: HTML on stdin, the blocks it
// makes as JSON on stdout. Run by tests/core/export/test_wordpress_paste.py.
//
// The packages are loaded with require: their ESM build imports JSON without import
// attributes, which Node refuses. They expect a browser, so jsdom's window, document and a
// matchMedia are set on globalThis before they load.
"use strict";

const fs = require("node:fs");

// The handler and the packages log what they receive and what they register; stdout must
// carry the JSON alone.
for (const name of ["log", "info", "warn", "error", "debug", "trace", "group", "groupEnd"]) {
  console[name] = () => {};
}

const { JSDOM } = require("jsdom");

const dom = new JSDOM("<!doctype html><html><head></head><body></body></html>", {
  pretendToBeVisual: true,
});
const win = dom.window;
win.matchMedia = () => ({
  matches: false,
  media: "",
  onchange: null,
  addListener() {},
  removeListener() {},
  addEventListener() {},
  removeEventListener() {},
  dispatchEvent() {
    return false;
  },
});
const globals = [
  "window",
  "document",
  "navigator",
  "Node",
  "Element",
  "HTMLElement",
  "DOMParser",
  "getComputedStyle",
  "MutationObserver",
  "requestAnimationFrame",
  "cancelAnimationFrame",
  "matchMedia",
];
for (const name of globals) {
  const value = name === "window" ? win : win[name];
  Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
}

const blocks = require("@wordpress/blocks");
const { registerCoreBlocks } = require("@wordpress/block-library");

registerCoreBlocks();

function plain(value) {
  // Rich-text attributes are RichTextData objects: their HTML is what the block keeps.
  if (value === null || value === undefined) return value;
  if (typeof value === "object" && typeof value.toHTMLString === "function") {
    return value.toHTMLString();
  }
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

function describe(block) {
  return {
    name: block.name,
    isValid: block.isValid,
    attributes: plain(block.attributes),
    issues: (block.validationIssues || []).map((issue) => String(issue.args || issue)),
    innerBlocks: block.innerBlocks.map(describe),
  };
}

const html = fs.readFileSync(0, "utf8");
const pasted = blocks.pasteHandler({ HTML: html, mode: "BLOCKS" });
const list = Array.isArray(pasted) ? pasted : [];
const result = {
  blocks: list.map(describe),
  serialized: blocks.serialize(list),
};
process.stdout.write(JSON.stringify(result));
