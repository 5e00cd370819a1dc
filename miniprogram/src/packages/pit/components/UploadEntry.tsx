import { Button } from '@nutui/nutui-react-taro';
import { PIT_PAGES } from '../../../services/pit/api';
import { navigateTo, toast } from '../../../services/adapters/taro';
import { useProjectPolicies } from './useProjectPolicies';

/** 上传原始数据 (the upload page of the project); shown only to whom the server allows `pit.upload`. */
export function UploadButton({ projectId, className }: { projectId: string; className?: string }) {
  return (
    <Button id='pit-upload-open' className={className} type='primary' fill='outline' onClick={() => void navigateTo(PIT_PAGES.upload(projectId)).catch(() => toast('页面打开失败'))}>
      上传原始数据
    </Button>
  );
}

/**
 * UploadButton on a page that has not loaded the project (the upload list): asks the server whether this
 * user is the project's monitoring unit (`pit.upload`), and shows nothing to anyone else.
 */
export function UploadEntry({ projectId }: { projectId: string }) {
  const allowed = useProjectPolicies(projectId)['pit.upload'] === true;
  return allowed ? <UploadButton projectId={projectId} className='btn-block' /> : null;
}
