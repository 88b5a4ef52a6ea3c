/**
 * The survey designer's pages: the list (`/staff/surveys`), creating one (`/staff/surveys/new`)
 * and editing one (`/staff/surveys/<id>`). Officers and administrators edit; analysts look.
 */
import { hasAnyRole, type StaffPrincipal } from '@wardpulse/domain';
import { usePath } from '../../shared/navigation.tsx';
import { CreateSurvey } from './CreateSurvey.tsx';
import { SurveyEditor } from './SurveyEditor.tsx';
import { SurveyList } from './SurveyList.tsx';
import './surveys.css';

export const SURVEYS_PATH = '/staff/surveys';

export default function SurveysPage({ principal }: { principal: StaffPrincipal }) {
  const path = usePath();
  const canEdit = hasAnyRole(principal, ['officer', 'admin']);
  const rest = path.startsWith(`${SURVEYS_PATH}/`) ? path.slice(SURVEYS_PATH.length + 1) : '';
  if (rest === '') return <SurveyList canEdit={canEdit} />;
  if (rest === 'new') return <CreateSurvey canEdit={canEdit} />;
  return <SurveyEditor key={rest} id={rest} canEdit={canEdit} />;
}
