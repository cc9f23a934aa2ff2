// The results as Biome formats JSON (2 spaces, width 110, arrays of plain values on one line when
// they fit), so that the saved files pass `biome ci` as they are written.
const PLAIN_ITEM = /^(-?\d[\d.eE+-]*|true|false|null|"(?:[^"\\]|\\.)*"),?$/;
const LINE_WIDTH = 110;

export function formatJson(value) {
  const lines = JSON.stringify(value, null, 2).split("\n");
  const formatted = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const close = line.endsWith("[") ? lines.findIndex((end, at) => at > index && /^\s*\],?$/.test(end)) : -1;
    const items = close === -1 ? [] : lines.slice(index + 1, close).map((item) => item.trim());
    const oneLine = `${line}${items.map((item) => item.replace(/,$/, "")).join(", ")}${lines[close]?.trim()}`;
    if (items.length > 0 && items.every((item) => PLAIN_ITEM.test(item)) && oneLine.length <= LINE_WIDTH) {
      formatted.push(oneLine);
      index = close;
    } else {
      formatted.push(line);
    }
  }
  return `${formatted.join("\n")}\n`;
}
