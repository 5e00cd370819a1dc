import { conflict, invalid, DomainError } from '@cityloop/shared/errors';
import type { FaceRefusal } from '../../platform/face/face-verifier';

/** The refusals of a check-in, each specific (docs: README "Field check-ins"); nothing is written on any of them. */
export const notEnrolled = () => new DomainError('not_enrolled', 403, '您尚未登记人脸核验信息（姓名、身份证号、本人照片），请先完成登记再签到');
export const notCheckedIn = (siteName: string) => conflict(`您今天尚未在“${siteName}”签到，不能签退`, 'not_checked_in');
export const faceReplayed = () => conflict('该次人脸核身结果已使用过，请重新进行人脸识别', 'face_replayed');
export const faceRequired = () => invalid('该场所签到需要人脸核验，请先完成人脸识别', 'face_required');

const FACE_MESSAGES: Record<FaceRefusal | 'unknown_session', string> = {
  mismatch: '人脸核验未通过：与登记的本人信息不一致',
  not_live: '活体检测未通过：请本人在现场正对镜头拍摄，不要翻拍照片或屏幕',
  no_face: '照片中未检测到人脸，请正对镜头、光线充足时重新拍摄',
  not_completed: '人脸核身尚未完成，请重新进行人脸识别',
  unknown_session: '人脸核身会话无效或已过期，请重新进行人脸识别',
};
export const faceMismatch = (reason: FaceRefusal | 'unknown_session') => invalid(FACE_MESSAGES[reason], 'face_mismatch', { reason });
