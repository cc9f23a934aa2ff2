// Tables as aligned Markdown: readable in a terminal and pasted as is into the README.

/** `columns`: [{ title, right? }]; `rows`: arrays of already formatted cells. */
export function formatTable(columns, rows) {
  const widths = columns.map((column, index) =>
    Math.max(column.title.length, ...rows.map((row) => String(row[index]).length)),
  );
  const line = (cells) =>
    `| ${cells
      .map((cell, index) =>
        columns[index].right ? String(cell).padStart(widths[index]) : String(cell).padEnd(widths[index]),
      )
      .join(" | ")} |`;
  const ruleCell = (width, index) =>
    columns[index].right ? `${"-".repeat(width + 1)}:` : "-".repeat(width + 2);
  const rule = `|${widths.map(ruleCell).join("|")}|`;
  return [line(columns.map((column) => column.title)), rule, ...rows.map(line)].join("\n");
}

export const ms = (value) =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
export const times = (value) => `${value.toFixed(2)}×`;
export const percent = (value) => `${(value * 100).toFixed(1)}%`;
export const mib = (kib) => (kib / 1024).toFixed(1);
export const count = (value) => Math.round(value).toLocaleString("en-US");
