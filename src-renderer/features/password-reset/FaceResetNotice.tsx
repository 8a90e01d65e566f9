import { Modal, Typography } from 'antd';

/**
 * 通过刷脸找回 needs the phone's camera and the government's face check, which only the 重庆市政务服务
 * mobile app (渝快办) offers; the desktop client says where to go and offers no face flow of its own.
 */
export function FaceResetNotice({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Modal
      open={open}
      title="通过刷脸找回"
      onCancel={onClose}
      onOk={onClose}
      okText="知道了"
      footer={(_, { OkBtn }) => <OkBtn />}
    >
      <Typography.Paragraph>
        刷脸找回仅支持在“重庆市政务服务”手机应用(渝快办)中进行,本客户端无法进行刷脸验证。
      </Typography.Paragraph>
      <Typography.Paragraph>
        请在手机上下载并打开“渝快办”,在登录页选择“忘记密码”,按提示完成刷脸验证后设置新密码。
      </Typography.Paragraph>
    </Modal>
  );
}
