/** The label/field columns shared by the 重置密码 forms. */
export const FORM_LAYOUT = { labelCol: { span: 6 }, wrapperCol: { span: 18 } } as const;
export const SUBMIT_LAYOUT = { wrapperCol: { offset: 6, span: 18 } } as const;
