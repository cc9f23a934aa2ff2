import { createHash } from "node:crypto";
import { request as httpRequest } from "node:http";
import { describe, expect, it } from "vitest";
import { FileMeta } from "../../src/contract/schemas.js";
import {
  type ApiCaller,
  callerFor,
  control,
  createGuideVisit,
  getToken,
  guideMessage,
  type Json,
  type Reply,
  request,
  START_TIME,
  startTestEmulator,
} from "./helpers.js";

// Tiny but real files of each accepted type.
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01,
  0x00, 0x00, 0xff, 0xd9,
]);
const MiB = 1024 * 1024;

function fileForm(content: Uint8Array, fileName = "file.bin", field = "file"): FormData {
  const form = new FormData();
  form.append(field, new Blob([content]), fileName);
  return form;
}

function sha256(content: Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

/** POSTs a hand-built body, for forms FormData cannot express. */
async function postRaw(
  emulator: { baseUrl: string },
  token: string,
  path: string,
  body: string | Buffer,
  contentType = "multipart/form-data; boundary=b0undary",
): Promise<Reply> {
  return request(`${emulator.baseUrl}${path}`, {
    method: "POST",
    body,
    headers: { authorization: `Bearer ${token}`, "content-type": contentType },
  });
}

/** A form with one part per `Content-Disposition` value, each holding a PDF. */
function rawForm(...dispositions: string[]): string {
  const parts = dispositions.map(
    (disposition) => `--b0undary\r\nContent-Disposition: ${disposition}\r\n\r\n${PDF}\r\n`,
  );
  return `${parts.join("")}--b0undary--\r\n`;
}

async function visitAndMessage(api: ApiCaller): Promise<{ visit: Json; message: Json }> {
  const visit = await createGuideVisit(api);
  const message = (await api.post("/messages", guideMessage(visit.id))).body.data;
  return { visit, message };
}

describe("return labels", () => {
  it("stores a PDF, answers its metadata and shows it on the visit as a new version", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const visit = await createGuideVisit(api);
    emulator.clock.now += 1000;
    const reply = await api.upload(`/site-visits/${visit.id}/return-label`, fileForm(PDF, "label.pdf"));
    expect(reply.status).toBe(201);
    const uploadedAt = new Date(START_TIME + 1000).toISOString();
    expect(reply.body).toEqual({
      data: {
        id: expect.stringMatching(/^file_[0-9a-f]{32}$/),
        fileName: "label.pdf",
        contentType: "application/pdf",
        size: PDF.length,
        sha256: sha256(PDF),
        uploadedAt,
      },
    });
    expect(FileMeta.safeParse(reply.body.data).success).toBe(true);

    const read = await api.get(`/site-visits/${visit.id}`);
    expect(read.headers.get("etag")).toBe('"2"');
    expect(read.body.data).toMatchObject({ returnLabel: reply.body.data, version: 2, updatedAt: uploadedAt });
    const stored = await fetch(`${emulator.controlUrl}/files/${reply.body.data.id}`);
    expect(stored.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await stored.arrayBuffer())).toEqual(PDF);
  });

  it("replaces the old label with a new one, whose bytes are the only ones kept", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const visit = await createGuideVisit(api);
    const path = `/site-visits/${visit.id}/return-label`;
    const first = (await api.upload(path, fileForm(PDF, "first.pdf"))).body.data;
    const secondPdf = Buffer.concat([PDF, Buffer.from("% second\n")]);
    const second = (await api.upload(path, fileForm(secondPdf, "second.pdf"))).body.data;
    expect(second).toMatchObject({ fileName: "second.pdf", sha256: sha256(secondPdf) });
    expect(second.id).not.toBe(first.id);
    const read = (await api.get(`/site-visits/${visit.id}`)).body.data;
    expect(read).toMatchObject({ returnLabel: second, version: 3 });
    expect((await control(emulator, `/files/${first.id}`)).status).toBe(404);
    expect((await fetch(`${emulator.controlUrl}/files/${second.id}`)).status).toBe(200);
  });

  it("takes PDF only, by content: a PNG or a renamed text file is 422 unsupported_file_type", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const visit = await createGuideVisit(api);
    const path = `/site-visits/${visit.id}/return-label`;

    const png = await api.upload(path, fileForm(PNG, "label.png"));
    expect(png.status).toBe(422);
    expect(png.body.error).toEqual({
      code: "unsupported_file_type",
      message: "A return label must be PDF (application/pdf), but its content is PNG (image/png).",
      details: [{ field: "file", issue: "must be PDF (application/pdf)" }],
    });
    const renamed = await api.upload(path, fileForm(Buffer.from("just some text\n"), "label.pdf"));
    expect(renamed.status).toBe(422);
    expect(renamed.body.error.code).toBe("unsupported_file_type");
    expect(renamed.body.error.message).toContain("not a recognized type");
    const empty = await api.upload(path, fileForm(Buffer.alloc(0), "label.pdf"));
    expect(empty.body.error.message).toContain("the file is empty");

    expect((await api.get(`/site-visits/${visit.id}`)).body.data).toMatchObject({
      returnLabel: null,
      version: 1,
    });
  });
});

describe("message attachments", () => {
  it("appends PDF, PNG and JPEG attachments to the message, each a new version", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const { message } = await visitAndMessage(api);
    const path = `/messages/${message.id}/file-attachment`;
    const uploads: [Buffer, string, string][] = [
      [PDF, "report.pdf", "application/pdf"],
      [PNG, "photo.png", "image/png"],
      [JPEG, "photo.jpg", "image/jpeg"],
    ];
    const metas: Json[] = [];
    for (const [content, fileName, contentType] of uploads) {
      const reply = await api.upload(path, fileForm(content, fileName));
      expect(reply.status).toBe(201);
      expect(reply.body.data).toMatchObject({
        fileName,
        contentType,
        size: content.length,
        sha256: sha256(content),
      });
      metas.push(reply.body.data);
    }
    const read = await api.get(`/messages/${message.id}`);
    expect(read.headers.get("etag")).toBe('"4"');
    expect(read.body.data).toMatchObject({ attachments: metas, version: 4 });
    const listed = await api.get(`/messages?siteVisitId=${message.siteVisitId}`);
    expect(listed.body.data[0].attachments).toEqual(metas);
  });

  it("refuses other types, naming what was found and what is accepted", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const { message } = await visitAndMessage(api);
    const gif = Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1");
    const reply = await api.upload(`/messages/${message.id}/file-attachment`, fileForm(gif, "photo.png"));
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe("unsupported_file_type");
    expect(reply.body.error.message).toBe(
      "A message attachment must be PDF (application/pdf), PNG (image/png), JPEG (image/jpeg), but its content is not a recognized type (the type is decided by the file's leading bytes, not its name).",
    );
    expect((await api.get(`/messages/${message.id}`)).body.data.attachments).toEqual([]);
  });

  it("is not an idempotent create: an Idempotency-Key is accepted and ignored", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const { message } = await visitAndMessage(api);
    const path = `/messages/${message.id}/file-attachment`;
    const key = { "idempotency-key": "attach-1" };
    const first = await api.upload(path, fileForm(PDF, "a.pdf"), key);
    const second = await api.upload(path, fileForm(PDF, "a.pdf"), key);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get("idempotent-replayed")).toBeNull();
    expect(second.body.data.id).not.toBe(first.body.data.id);
    expect((await api.get(`/messages/${message.id}`)).body.data.attachments).toHaveLength(2);
  });
});

describe("upload limits", () => {
  it("takes exactly 10 MiB and refuses 10 MiB + 1 byte with 413 file_too_large", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const { message } = await visitAndMessage(api);
    const path = `/messages/${message.id}/file-attachment`;
    const atLimit = Buffer.alloc(10 * MiB, 0x20);
    PDF.copy(atLimit);
    const accepted = await api.upload(path, fileForm(atLimit, "big.pdf"));
    expect(accepted.status).toBe(201);
    expect(accepted.body.data).toMatchObject({ size: 10 * MiB, sha256: sha256(atLimit) });

    const tooLarge = await api.upload(path, fileForm(Buffer.concat([atLimit, Buffer.from(" ")]), "big.pdf"));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error).toMatchObject({
      code: "file_too_large",
      message: `The file is ${10 * MiB + 1} bytes; the limit is 10 MiB (${10 * MiB} bytes).`,
    });
    expect((await api.get(`/messages/${message.id}`)).body.data.attachments).toHaveLength(1);
  });

  it("stops reading a body that grows past the limit, and keeps serving", async () => {
    const emulator = await startTestEmulator();
    const token = await getToken(emulator);
    const api = await callerFor(emulator);
    const visit = await createGuideVisit(api);
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        // A safety stop for the test itself; the emulator answers long before.
        if (sent >= 256 * MiB) return controller.close();
        sent += MiB;
        controller.enqueue(new Uint8Array(MiB).fill(0x25));
      },
    });
    const reply = await request(`${emulator.baseUrl}/site-visits/${visit.id}/return-label`, {
      method: "POST",
      body: endless,
      duplex: "half",
      headers: { authorization: `Bearer ${token}`, "content-type": "multipart/form-data; boundary=x" },
    });
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe("file_too_large");
    expect(sent).toBeLessThan(64 * MiB);
    expect((await api.get(`/site-visits/${visit.id}`)).status).toBe(200);
  });

  it("refuses an upload declared too large before the client sends it (Expect: 100-continue)", async () => {
    const emulator = await startTestEmulator();
    const token = await getToken(emulator);
    const api = await callerFor(emulator);
    const visit = await createGuideVisit(api);
    const answer = await new Promise<{ status: number | undefined; continued: boolean }>(
      (resolve, reject) => {
        let continued = false;
        const outgoing = httpRequest(`${emulator.baseUrl}/site-visits/${visit.id}/return-label`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${token}`,
            "content-type": "multipart/form-data; boundary=x",
            "content-length": String(20 * MiB),
            expect: "100-continue",
          },
        });
        outgoing.on("continue", () => {
          continued = true;
        });
        outgoing.on("response", (response) => {
          response.resume();
          resolve({ status: response.statusCode, continued });
          outgoing.destroy();
        });
        outgoing.on("error", reject);
        outgoing.flushHeaders();
      },
    );
    expect(answer).toEqual({ status: 413, continued: false });
  });
});

describe("the multipart form", () => {
  it.each([
    ["no parts at all", "--b0undary--\r\n", 'no field "file"'],
    ["another field only", rawForm('form-data; name="document"; filename="a.pdf"'), 'also holds "document"'],
    [
      "another field beside the file",
      rawForm('form-data; name="file"; filename="a.pdf"', 'form-data; name="note"'),
      'also holds "note"',
    ],
    [
      "two file fields",
      rawForm('form-data; name="file"; filename="a.pdf"', 'form-data; name="file"; filename="b.pdf"'),
      '2 "file" fields',
    ],
    [
      "no closing boundary",
      `--b0undary\r\nContent-Disposition: form-data; name="file"\r\n\r\n${PDF}`,
      "closing boundary",
    ],
    ["no boundary line", `${PDF}`, "no boundary line"],
    [
      "a part without Content-Disposition",
      `--b0undary\r\nContent-Type: application/pdf\r\n\r\n${PDF}\r\n--b0undary--`,
      "Content-Disposition",
    ],
    ["a part that is not form-data", rawForm('attachment; name="file"'), "Content-Disposition"],
    ["unreadable parameters", rawForm('form-data; name="file"; filename="a.pdf'), "cannot be read"],
    [
      "no line break after the boundary",
      `--b0undary Content-Disposition: form-data; name="file"\r\n\r\nx\r\n--b0undary--`,
      "line break",
    ],
  ])("refuses %s with 400 bad_request", async (_case, body, says) => {
    const emulator = await startTestEmulator();
    const token = await getToken(emulator);
    const visit = await createGuideVisit(await callerFor(emulator));
    const reply = await postRaw(emulator, token, `/site-visits/${visit.id}/return-label`, body);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("bad_request");
    expect(reply.body.error.message).toContain(says);
  });

  it.each([
    ["JSON", "application/json", "must be multipart/form-data"],
    ["no boundary", "multipart/form-data", "boundary"],
    ["an overlong boundary", `multipart/form-data; boundary=${"b".repeat(71)}`, "boundary"],
  ])("refuses a Content-Type with %s with 400", async (_case, contentType, says) => {
    const emulator = await startTestEmulator();
    const token = await getToken(emulator);
    const visit = await createGuideVisit(await callerFor(emulator));
    const reply = await postRaw(
      emulator,
      token,
      `/site-visits/${visit.id}/return-label`,
      rawForm('form-data; name="file"'),
      contentType,
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toContain(says);
  });

  it("reads a quoted boundary, a preamble, an epilogue and header case freely", async () => {
    const emulator = await startTestEmulator();
    const token = await getToken(emulator);
    const visit = await createGuideVisit(await callerFor(emulator));
    const body = `preamble to ignore\r\n--b0undary  \r\ncontent-disposition: FORM-DATA; NAME=file; FileName="x.pdf"\r\ncontent-type: application/octet-stream\r\n\r\n${PDF}\r\n--b0undary--\r\nepilogue`;
    const reply = await postRaw(
      emulator,
      token,
      `/site-visits/${visit.id}/return-label`,
      body,
      'multipart/form-data; boundary="b0undary"',
    );
    expect(reply.status).toBe(201);
    expect(reply.body.data).toMatchObject({
      fileName: "x.pdf",
      contentType: "application/pdf",
      sha256: sha256(PDF),
    });
    const leadingNewline = `\r\n${rawForm('form-data; name="file"; filename="y.pdf"')}`;
    const second = await postRaw(emulator, token, `/site-visits/${visit.id}/return-label`, leadingNewline);
    expect(second.body.data).toMatchObject({ fileName: "y.pdf", sha256: sha256(PDF) });
  });

  it.each([
    ['filename="C:\\\\fakepath\\\\label.pdf"', "label.pdf"],
    ['filename="C:\\fakepath\\label.pdf"', "label.pdf"],
    ['filename="../../etc/passwd.pdf"', "passwd.pdf"],
    ['filename="la\u0007bel\u202e.pdf"', "label.pdf"],
    ['filename="say \\"hi\\".pdf"', 'say "hi".pdf'],
    ['filename=".."', "upload"],
    ['filename="   "', "upload"],
    ["", "upload"],
  ])("stores %s as %s", async (parameter, stored) => {
    const emulator = await startTestEmulator();
    const token = await getToken(emulator);
    const visit = await createGuideVisit(await callerFor(emulator));
    const disposition = `form-data; name="file"${parameter ? `; ${parameter}` : ""}`;
    const reply = await postRaw(
      emulator,
      token,
      `/site-visits/${visit.id}/return-label`,
      rawForm(disposition),
    );
    expect(reply.status).toBe(201);
    expect(reply.body.data.fileName).toBe(stored);
  });
});

describe("upload access", () => {
  it("answers another client's or an unknown visit and message with 404, changing nothing", async () => {
    const emulator = await startTestEmulator();
    const demo = await callerFor(emulator);
    const { visit, message } = await visitAndMessage(demo);
    const other = await callerFor(emulator, "other-client");
    const paths = [
      `/site-visits/${visit.id}/return-label`,
      `/messages/${message.id}/file-attachment`,
      `/site-visits/visit_${"0".repeat(32)}/return-label`,
      `/messages/msg_${"0".repeat(32)}/file-attachment`,
    ];
    for (const path of paths) {
      const reply = await other.upload(path, fileForm(PDF, "label.pdf"));
      expect(reply.status, path).toBe(404);
      expect(reply.body.error.code).toBe("not_found");
    }
    expect((await demo.get(`/site-visits/${visit.id}`)).body.data).toMatchObject({
      returnLabel: null,
      version: 1,
    });
    expect((await demo.get(`/messages/${message.id}`)).body.data).toMatchObject({
      attachments: [],
      version: 1,
    });
  });

  it("needs site-visits:write for return labels and messages:write for attachments", async () => {
    const emulator = await startTestEmulator();
    const { visit, message } = await visitAndMessage(await callerFor(emulator));
    const readonly = await callerFor(emulator, "readonly-client");
    const label = await readonly.upload(`/site-visits/${visit.id}/return-label`, fileForm(PDF));
    expect(label.status).toBe(403);
    expect(label.headers.get("www-authenticate")).toBe(
      'Bearer error="insufficient_scope", scope="site-visits:write"',
    );
    const visitsOnly = await callerFor(emulator, "demo-client", "site-visits:write messages:read");
    const attachment = await visitsOnly.upload(`/messages/${message.id}/file-attachment`, fileForm(PDF));
    expect(attachment.status).toBe(403);
    expect(attachment.headers.get("www-authenticate")).toContain('scope="messages:write"');
    expect((await visitsOnly.upload(`/site-visits/${visit.id}/return-label`, fileForm(PDF))).status).toBe(
      201,
    );
  });
});
