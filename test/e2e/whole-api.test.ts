import { createHash } from "node:crypto";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GUIDE_MESSAGE, GUIDE_SITE, GUIDE_VISIT_WITH_ASSETS } from "../../src/demo/guide-payloads.js";
import { JPEG, PDF, PNG } from "../fixtures/files.js";
import {
  type ConnectedServer,
  connectServer,
  credentialEnv,
  DEMO,
  startTestEmulator,
  type TestEmulator,
  type ToolResult,
} from "./harness.js";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe("the whole API as tools", () => {
  let emulator: TestEmulator;
  let server: ConnectedServer;
  let roots: string;
  let outside: string;
  let siteId: string;
  let siteVisitId: string;
  let messageId: string;

  const call = async (name: string, args: Record<string, unknown>) =>
    (await server.client.callTool({ name, arguments: args })) as ToolResult;
  const ok = async (name: string, args: Record<string, unknown>) => {
    const result = await call(name, args);
    expect(result.isError, result.content[0]?.text).toBe(false);
    return result.structuredContent;
  };
  const refused = async (name: string, args: Record<string, unknown>) => {
    const result = await call(name, args);
    expect(result.isError).toBe(true);
    return result.content[0]?.text ?? "";
  };
  const uploads = async () =>
    (await emulator.requests()).filter((r) => /return-label|file-attachment/.test(r.path));

  beforeAll(async () => {
    roots = await mkdtemp(join(tmpdir(), "ssn-roots-"));
    outside = await mkdtemp(join(tmpdir(), "ssn-outside-"));
    await writeFile(join(roots, "label.pdf"), PDF);
    await writeFile(join(roots, "photo.png"), PNG);
    await writeFile(join(roots, "renamed.pdf"), PNG);
    await writeFile(join(outside, "secret.pdf"), PDF);
    await symlink(join(outside, "secret.pdf"), join(roots, "link.pdf"));
    emulator = await startTestEmulator();
    server = await connectServer(
      credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret, { SSN_FILE_ROOTS: roots }),
    );
    siteId = (await ok("create_site", GUIDE_SITE)).site.id;
    siteVisitId = (await ok("create_site_visit", GUIDE_VISIT_WITH_ASSETS)).siteVisit.id;
    messageId = (await ok("add_message", { siteVisitId, ...GUIDE_MESSAGE })).message.id;
  });
  afterAll(async () => {
    await server.close();
    await emulator.close();
    await rm(roots, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  describe("sites", () => {
    it("lists, filters and reads by id or by siteCode", async () => {
      expect((await ok("list_sites", {})).sites).toHaveLength(1);
      expect((await ok("list_sites", { siteCode: "NOPE" })).sites).toHaveLength(0);
      expect((await ok("get_site", { siteId })).site.siteCode).toBe("DEMO-STORE-100");
      expect((await ok("get_site", { siteCode: "DEMO-STORE-100" })).site.id).toBe(siteId);
    });

    it("needs exactly one of siteId and siteCode", async () => {
      expect(await refused("get_site", {})).toContain("give either siteId or siteCode");
      expect(await refused("get_site", { siteId, siteCode: "DEMO-STORE-100" })).toContain("not both");
    });

    it("a siteCode nobody has → 404 with the lookup to make", async () => {
      const text = await refused("get_site", { siteCode: "NOPE-9" });
      expect(text).toContain("404 not_found");
      expect(text).toContain("call list_sites");
    });

    it("updates everything but the siteCode, and refuses a stale version", async () => {
      const updated = (
        await ok("update_site", { siteCode: "DEMO-STORE-100", name: "Demo Store 100 (remodel)" })
      ).site;
      expect(updated).toMatchObject({
        name: "Demo Store 100 (remodel)",
        siteCode: "DEMO-STORE-100",
        version: 2,
      });
      const stale = await refused("update_site", { siteId, city: "Tucson", expectedVersion: 1 });
      expect(stale).toContain("409 version_conflict");
      expect(stale).toContain("read it again and retry");
      expect(await refused("update_site", { siteId, newSiteCode: "X" })).toContain(
        'unknown field "newSiteCode"',
      );
    });
  });

  describe("site visits", () => {
    it("lists the visits at a site", async () => {
      expect((await ok("list_site_visits", { clientSiteId: "DEMO-STORE-100" })).siteVisits).toHaveLength(1);
      expect((await ok("list_site_visits", { clientSiteId: "DEMO-STORE-200" })).siteVisits).toHaveLength(0);
    });

    it("updates a visit with If-Match; a stale version tells the model to re-read", async () => {
      const visit = (await ok("get_site_visit", { siteVisitId })).siteVisit;
      const updated = (
        await ok("update_site_visit", {
          siteVisitId,
          jobInstructions: "Call ahead.",
          expectedVersion: visit.version,
        })
      ).siteVisit;
      expect(updated).toMatchObject({ jobInstructions: "Call ahead.", version: visit.version + 1 });
      const stale = await refused("update_site_visit", {
        siteVisitId,
        description: "x",
        expectedVersion: visit.version,
      });
      expect(stale).toContain("409 version_conflict");
      const patches = (await emulator.requests()).filter((r) => r.method === "PATCH");
      expect(patches.at(-1)?.status).toBe(409);
      expect(await refused("update_site_visit", { siteVisitId, clientSiteId: "DEMO-STORE-200" })).toContain(
        'unknown field "clientSiteId"',
      );
    });
  });

  describe("messages", () => {
    it("lists, reads and updates a visit's messages", async () => {
      expect((await ok("list_messages", { siteVisitId })).messages.map((m: { id: string }) => m.id)).toEqual([
        messageId,
      ]);
      const message = (await ok("get_message", { messageId })).message;
      expect(message).toMatchObject({ method: "Email", ssnPm: true, buyer: true });
      const updated = (
        await ok("update_message", { messageId, status: "Closed", expectedVersion: message.version })
      ).message;
      expect(updated.status).toBe("Closed");
      expect(await refused("get_message", { messageId: "msg_00000000000000000000000000000000" })).toContain(
        "call list_messages",
      );
    });
  });

  describe("files", () => {
    it("uploads a PDF return label from base64 content, echoing name, type, size and sha256", async () => {
      const file = (
        await ok("upload_return_label", {
          siteVisitId,
          content: PDF.toString("base64"),
          fileName: "label.pdf",
        })
      ).file;
      expect(file).toMatchObject({
        fileName: "label.pdf",
        contentType: "application/pdf",
        size: PDF.length,
        sha256: sha256(PDF),
      });
      const visit = (await ok("get_site_visit", { siteVisitId })).siteVisit;
      expect(visit.returnLabel).toMatchObject({ sha256: sha256(PDF) });
    });

    it("uploads from a path inside SSN_FILE_ROOTS, and attaches PNG and JPEG files", async () => {
      expect(
        (await ok("upload_return_label", { siteVisitId, path: join(roots, "label.pdf") })).file.fileName,
      ).toBe("label.pdf");
      const png = (await ok("attach_message_file", { messageId, path: join(roots, "photo.png") })).file;
      expect(png).toMatchObject({ contentType: "image/png", sha256: sha256(PNG) });
      const jpeg = (
        await ok("attach_message_file", { messageId, content: JPEG.toString("base64"), fileName: "site.jpg" })
      ).file;
      expect(jpeg).toMatchObject({ contentType: "image/jpeg", size: JPEG.length });
      const message = (await ok("get_message", { messageId })).message;
      expect(message.attachments.map((a: { fileName: string }) => a.fileName)).toEqual([
        "photo.png",
        "site.jpg",
      ]);
    });

    it.each([
      [
        "a renamed PNG as a return label",
        () => ({ path: join(roots, "renamed.pdf") }),
        "PNG content; a return label must be PDF",
      ],
      [
        "a path outside the roots",
        () => ({ path: join(outside, "secret.pdf") }),
        "outside the directories open to ssn-mcp",
      ],
      [
        "a link inside the roots pointing outside",
        () => ({ path: join(roots, "link.pdf") }),
        "outside the directories open to ssn-mcp",
      ],
      ["a relative path", () => ({ path: "label.pdf" }), "path must be absolute"],
      [
        "damaged base64",
        () => ({ content: `${PDF.toString("base64").slice(0, -3)}!`, fileName: "l.pdf" }),
        "not valid base64",
      ],
      [
        "a truncated PDF",
        () => ({ content: PDF.subarray(0, 30).toString("base64"), fileName: "l.pdf" }),
        "truncated or damaged",
      ],
      [
        "both path and content",
        () => ({ path: join(roots, "label.pdf"), content: "JVBERi0=", fileName: "x.pdf" }),
        "not both",
      ],
      [
        "content without fileName",
        () => ({ content: PDF.toString("base64") }),
        "fileName: is required with content",
      ],
    ])("refuses %s, and nothing is uploaded", async (_label, source, expected) => {
      const before = (await uploads()).length;
      const text = await refused("upload_return_label", { siteVisitId, ...source() });
      expect(text).toContain(expected);
      expect(await uploads()).toHaveLength(before);
    });

    it("uploads a file near the 10 MiB limit from base64 content", async () => {
      const large = Buffer.concat([
        PDF.subarray(0, 9),
        Buffer.alloc(9 * 1024 * 1024, 0x20),
        Buffer.from("\n%%EOF\n"),
      ]);
      const file = (
        await ok("upload_return_label", {
          siteVisitId,
          content: large.toString("base64"),
          fileName: "big.pdf",
        })
      ).file;
      expect(file).toMatchObject({ size: large.length, sha256: sha256(large) });
    });

    it("reports upload progress to a client that asks for it", async () => {
      const progress: number[] = [];
      const client = server.client as unknown as {
        callTool(p: unknown, o: { onprogress: (p: { progress: number }) => void }): Promise<ToolResult>;
      };
      const result = await client.callTool(
        {
          name: "attach_message_file",
          arguments: { messageId, content: PDF.toString("base64"), fileName: "p.pdf" },
        },
        { onprogress: (p) => progress.push(p.progress) },
      );
      expect(result.isError).toBe(false);
      expect(progress).toEqual([0, 1]);
    });
  });
});
