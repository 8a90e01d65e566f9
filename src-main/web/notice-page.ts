import { LOGIN_TOKEN_TTL_MS } from './web-access';

const TTL_MINUTES = LOGIN_TOKEN_TTL_MS / 60_000;

/**
 * The web host's own pages, for a browser that reached it without the right to use it or at an
 * address that is not the app. Plain HTML with inline style only (the CSP allows no inline script), so
 * they show even where the renderer build is missing.
 */

const OPEN_PRINTED_ADDRESS =
  '请回到启动本程序的窗口(运行 npm start 或 npm run web 的命令行窗口),复制其中 “Web UI:” 后面以 http://127.0.0.1 开头、' +
  '带有 token 的地址,在浏览器中打开。该地址只能使用一次,' +
  `${TTL_MINUTES} 分钟内有效;在该窗口中按回车键可获得新的地址。`;

export const NOTICES = {
  notSignedIn: {
    title: '请从程序显示的地址打开',
    lines: [
      '为保护本机数据,只有从启动程序时显示的一次性地址打开的浏览器才能使用本客户端。',
      OPEN_PRINTED_ADDRESS,
    ],
  },
  tokenSpent: {
    title: '该地址已失效',
    lines: [`这个一次性地址已经使用过或已超过 ${TTL_MINUTES} 分钟有效期。`, OPEN_PRINTED_ADDRESS],
  },
  notFound: {
    title: '页面不存在',
    lines: ['您访问的地址不是本客户端的页面。请打开本客户端的首页。'],
  },
} as const;

/** The same advice for API callers, as the `message` of a JSON error. */
export const NOT_SIGNED_IN_MESSAGE =
  '未获授权:请在浏览器中打开启动程序时显示的一次性地址(在运行程序的窗口中按回车键可获得新的地址)';
export const FOREIGN_ORIGIN_MESSAGE = '不允许从其他网页调用本机客户端';
export const UNKNOWN_API_MESSAGE = '本机客户端没有这个接口';

export function noticePage(notice: { title: string; lines: readonly string[] }): string {
  const paragraphs = notice.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n    ');
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="UTF-8" />
    <title>${escapeHtml(notice.title)} · 职称系统</title>
    <style>
      body { font-family: sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; color: #1f1f1f; line-height: 1.7; }
      h1 { font-size: 1.4rem; }
    </style>
  </head>
  <body>
    <h1>${escapeHtml(notice.title)}</h1>
    ${paragraphs}
  </body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
