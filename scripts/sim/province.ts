import type { ApplicationContent } from '../../src-shared/domain/catalog';
import { generateApplications } from '../../src-server/demo/applications/generator';
import { SCAN_KINDS, scanFile, type ScanKind } from '../../src-server/demo/applications/scans';
import { withScanIds } from '../../src-server/demo/demo-applications';
import { demoLicencePdf } from '../../src-server/demo/licence-pdf';
import { callJson, okBody, type HttpStats } from './http-client';
import { creditCodeOf, SIM_PASSWORD, simPerson, type SimPerson } from './identities';
import { runPool } from './pool';

/**
 * Builds the simulated province through the server's HTTP API only, as people would: each department and
 * unit administrator registers an account (captcha and SMS code read from demo mode's /api/dev/outbox),
 * registers the organisation with a licence scan, and the superior approves it (the demo's 职改办 for the
 * departments, the new departments for their units); each unit's applicant registers too, uploads the
 * scans and submits applications to the unit. The calls alternate between the instances.
 */

export interface SimUnit {
  id: string;
  name: string;
  departmentId: string;
  admin: SimPerson;
  /** The ids of the applications submitted to it, all 待单位审核 when the build ends. */
  applicationIds: string[];
}

export interface SimDepartment {
  id: string;
  name: string;
  admin: SimPerson;
}

export interface Province {
  departments: SimDepartment[];
  units: SimUnit[];
}

export interface BuildOptions {
  run: number;
  units: number;
  departments: number;
  applicationsPerUnit: number;
  concurrency: number;
}

const TITLE_OFFICE_ADMIN = { account: 'cqadmin', password: 'Admin@2026' };

export async function buildProvince(
  stats: HttpStats,
  servers: readonly string[],
  options: BuildOptions,
): Promise<Province> {
  let turn = 0;
  const nextServer = () => servers[turn++ % servers.length] as string;
  const api = new ProvinceApi(stats);

  const titleOfficeToken = await api.login(
    nextServer(),
    TITLE_OFFICE_ADMIN.account,
    TITLE_OFFICE_ADMIN.password,
  );
  const departments = await runPool(
    Array.from({ length: options.departments }, (_, d) => d),
    options.concurrency,
    async (d) => {
      const admin = simPerson(options.run, d);
      const name = `重庆市模拟主管部门${options.run}-${d + 1}`;
      const token = await api.registerAndLogin(nextServer(), admin);
      const id = await api.registerOrganisation(nextServer(), token, {
        kind: 'department',
        name,
        creditCode: creditCodeOf(options.run, d),
        parentKind: 'titleOffice',
      });
      await api.approve(nextServer(), titleOfficeToken, id);
      return { id, name, admin, token };
    },
  );

  const units = await runPool(
    Array.from({ length: options.units }, (_, u) => u),
    options.concurrency,
    async (u): Promise<SimUnit> => {
      const department = departments[u % departments.length];
      if (department === undefined) throw new Error('No department to register units under');
      const n = options.departments + 2 * u;
      const admin = simPerson(options.run, n);
      const name = `重庆市模拟单位${options.run}-${u + 1}`;
      const token = await api.registerAndLogin(nextServer(), admin);
      const id = await api.registerOrganisation(nextServer(), token, {
        kind: 'unit',
        name,
        creditCode: creditCodeOf(options.run, n),
        parentId: department.id,
      });
      await api.approve(nextServer(), department.token, id);

      const applicant = simPerson(options.run, n + 1);
      const applicantToken = await api.registerAndLogin(nextServer(), applicant);
      const scans = await api.uploadScans(nextServer(), applicantToken);
      const generated = generateApplications({
        seed: options.run * 100_000 + u,
        count: options.applicationsPerUnit,
        now: new Date(),
        employer: name,
        states: ['unitReview'],
      });
      const applicationIds: string[] = [];
      for (const application of generated) {
        applicationIds.push(
          await api.submitApplication(
            nextServer(),
            applicantToken,
            id,
            withScanIds(application.content, scans),
          ),
        );
      }
      return { id, name, departmentId: department.id, admin, applicationIds };
    },
  );
  return { departments: departments.map(({ id, name, admin }) => ({ id, name, admin })), units };
}

class ProvinceApi {
  constructor(private readonly stats: HttpStats) {}

  async login(server: string, identifier: string, password: string): Promise<string> {
    const answer = await callJson(this.stats, 'login', server, 'POST', '/api/auth/login', {
      body: { identifier, password },
    });
    return (okBody(answer, `login ${identifier}`) as { token: string }).token;
  }

  /** 用户注册 (manual 2.2) end to end, then a login. */
  async registerAndLogin(server: string, person: SimPerson): Promise<string> {
    const captcha = okBody(
      await callJson(this.stats, 'captcha', server, 'GET', '/api/captcha'),
      'captcha',
    ) as { captchaId: string };
    const captchaAnswer = await this.fromOutbox(
      server,
      (outbox) => outbox.captchas.find((entry) => entry.captchaId === captcha.captchaId)?.answer,
    );
    okBody(
      await callJson(this.stats, 'sms', server, 'POST', '/api/sms/send', {
        body: { purpose: 'register', mobile: person.mobile, captchaId: captcha.captchaId, captchaAnswer },
      }),
      `sms for ${person.account}`,
    );
    const smsCode = await this.fromOutbox(
      server,
      (outbox) =>
        outbox.sms.find((entry) => entry.mobile === person.mobile && entry.purpose === 'register')?.code,
    );
    const basic = okBody(
      await callJson(this.stats, 'register', server, 'POST', '/api/register/basic', {
        body: {
          account: person.account,
          password: SIM_PASSWORD,
          confirmPassword: SIM_PASSWORD,
          name: person.name,
          idType: '身份证',
          idNumber: person.idNumber,
          mobile: person.mobile,
          smsCode,
          agreed: true,
        },
      }),
      `register ${person.account}`,
    ) as { ticket: string };
    okBody(
      await callJson(this.stats, 'register', server, 'POST', '/api/register/verify', {
        body: { ticket: basic.ticket },
      }),
      `verify ${person.account}`,
    );
    return this.login(server, person.account, SIM_PASSWORD);
  }

  /** 单位注册 (manual 3.1): the licence scan, the superior found by search, the form. */
  async registerOrganisation(
    server: string,
    token: string,
    form: {
      kind: 'unit' | 'department';
      name: string;
      creditCode: string;
      parentId?: string;
      parentKind?: string;
    },
  ): Promise<string> {
    const licence = okBody(
      await callJson(this.stats, 'upload', server, 'POST', '/api/files/licence', {
        token,
        body: { fileName: '营业执照.pdf', contentBase64: demoLicencePdf(form.creditCode).toString('base64') },
      }),
      `licence of ${form.name}`,
    ) as { fileId: string };
    let parentId = form.parentId;
    if (parentId === undefined) {
      const found = okBody(
        await callJson(this.stats, 'superiors', server, 'GET', `/api/units/superiors?kind=${form.kind}`, {
          token,
        }),
        'superiors',
      ) as { departments: Array<{ id: string; kind: string }> };
      parentId = found.departments.find((d) => d.kind === form.parentKind)?.id;
      if (parentId === undefined) throw new Error(`No ${form.parentKind} to register ${form.name} under`);
    }
    const registration = okBody(
      await callJson(this.stats, 'registration', server, 'POST', '/api/unit-registrations', {
        token,
        body: {
          name: form.name,
          creditCode: form.creditCode,
          kind: form.kind,
          nature: '事业单位',
          industry: '卫生和社会工作',
          districtCode: '500103',
          parentId,
          address: '重庆市渝中区模拟路1号',
          leaderName: '周伟',
          contactPhone: '023-63001234',
          licenceFileId: licence.fileId,
        },
      }),
      `registration of ${form.name}`,
    ) as { id: string };
    return registration.id;
  }

  async approve(server: string, token: string, registrationId: string): Promise<void> {
    okBody(
      await callJson(
        this.stats,
        'registration',
        server,
        'POST',
        `/api/unit-registrations/${encodeURIComponent(registrationId)}/approve`,
        { token, body: {} },
      ),
      `approval of ${registrationId}`,
    );
  }

  async uploadScans(server: string, token: string): Promise<Record<ScanKind, string>> {
    const ids = {} as Record<ScanKind, string>;
    for (const kind of SCAN_KINDS) {
      const scan = scanFile(kind);
      const stored = okBody(
        await callJson(this.stats, 'upload', server, 'POST', '/api/files/licence', {
          token,
          body: { fileName: scan.fileName, contentBase64: scan.content.toString('base64') },
        }),
        `scan ${kind}`,
      ) as { fileId: string };
      ids[kind] = stored.fileId;
    }
    return ids;
  }

  /** Saves the draft and submits it (提交); answers the application's id. */
  async submitApplication(
    server: string,
    token: string,
    unitId: string,
    content: ApplicationContent,
  ): Promise<string> {
    const draft = okBody(
      await callJson(this.stats, 'applicant', server, 'POST', '/api/applicant/applications', {
        token,
        body: { unitId, content },
      }),
      'application draft',
    ) as { id: string; version: number };
    okBody(
      await callJson(
        this.stats,
        'applicant',
        server,
        'POST',
        `/api/applicant/applications/${encodeURIComponent(draft.id)}/submit`,
        { token, body: { baseVersion: draft.version } },
      ),
      'application submit',
    );
    return draft.id;
  }

  /**
   * Reads a value from the demo outbox. It shows the newest 50 entries, and the build runs only a few
   * registrations at once, so the one we wait for is there; the loop is bounded all the same.
   */
  private async fromOutbox(
    server: string,
    pick: (outbox: {
      sms: Array<{ mobile: string; purpose: string; code: string }>;
      captchas: Array<{ captchaId: string; answer: string }>;
    }) => string | undefined,
  ): Promise<string> {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const outbox = okBody(await callJson(this.stats, 'outbox', server, 'GET', '/api/dev/outbox'), 'outbox');
      const value = pick(outbox as Parameters<typeof pick>[0]);
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('The demo outbox does not show the captcha or SMS code the simulation waits for');
  }
}
