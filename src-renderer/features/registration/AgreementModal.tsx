import { Button, Modal, Typography } from 'antd';
import { AGREEMENT_SECTIONS, AGREEMENT_TITLE } from './agreement-text';
import styles from './AgreementModal.module.css';

interface AgreementModalProps {
  open: boolean;
  onClose(): void;
  /** "同意并继续": ticks the agreement checkbox for the user. */
  onAgree(): void;
}

/** The text behind the 《重庆市政务服务网统一认证中心注册协议》 link. */
export function AgreementModal({ open, onClose, onAgree }: AgreementModalProps) {
  return (
    <Modal
      open={open}
      title={`《${AGREEMENT_TITLE}》`}
      onCancel={onClose}
      width={720}
      footer={[
        <Button key="close" onClick={onClose}>
          关闭
        </Button>,
        <Button key="agree" type="primary" onClick={onAgree}>
          同意并继续
        </Button>,
      ]}
    >
      <div className={styles.body}>
        {AGREEMENT_SECTIONS.map((section) => (
          <section key={section.heading}>
            <Typography.Title level={5}>{section.heading}</Typography.Title>
            {section.paragraphs.map((paragraph) => (
              <Typography.Paragraph key={paragraph}>{paragraph}</Typography.Paragraph>
            ))}
          </section>
        ))}
      </div>
    </Modal>
  );
}
