import { useEffect, useState } from 'react';
import styles from './ApplicationReview.module.css';

/**
 * A PDF scan inline from its blob: URL, with a download link that works wherever the inline view does not.
 * A Content-Security-Policy without blob: in frame-src blocks the frame; it is then hidden rather than
 * left as an empty box, and the link remains.
 */
export function PdfView({ url, fileName }: { url: string; fileName: string }) {
  const [blocked, setBlocked] = useState(false);
  useEffect(() => {
    const onViolation = (event: SecurityPolicyViolationEvent) => {
      if (event.blockedURI.startsWith('blob')) setBlocked(true);
    };
    document.addEventListener('securitypolicyviolation', onViolation);
    return () => document.removeEventListener('securitypolicyviolation', onViolation);
  }, []);

  return (
    <>
      {!blocked && <iframe className={styles.pdf} src={url} title={fileName} />}
      <a href={url} download={fileName}>
        下载查看
      </a>
    </>
  );
}
