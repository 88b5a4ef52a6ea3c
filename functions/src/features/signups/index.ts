export {
  confirmSignup,
  deleteSignup,
  getSignup,
  LinkError,
  maskEmail,
  previewConfirmation,
  requestSignup,
  resolveWards,
  suppressAddress,
  unsubscribe,
  unsubscribeInfo,
  updateSignup,
  type SignupContext,
  type SignupView,
} from './service.ts';
export { signupCountsReport, type SignupCountsReport } from './counts.ts';
