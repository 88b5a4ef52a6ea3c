/**
 * Community messages in the console: the list (`/staff/messages`), writing one (`/new`), a
 * message (`/<id>`: the composer while it is a draft, its KPIs and replies once sent), the KPI
 * dashboard, sign-up counts and, on a local stack, the outbox of e-mails "sent".
 */
import { hasAnyRole, type StaffPrincipal } from '@wardpulse/domain';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../../shared/api.ts';
import { navigate, usePath } from '../../shared/navigation.tsx';
import { Composer } from './Composer.tsx';
import { Dashboard } from './Dashboard.tsx';
import { MessageList } from './MessageList.tsx';
import { MessageView } from './MessageView.tsx';
import { OutboxPage } from './OutboxPage.tsx';
import { SignupCountsPage } from './SignupCountsPage.tsx';
import '../surveys/surveys.css';
import './messages.css';

export const MESSAGES_PATH = '/staff/messages';

export default function MessagesPage({ principal }: { principal: StaffPrincipal }) {
  const path = usePath();
  const canEdit = hasAnyRole(principal, ['officer', 'admin']);
  const forceName = useForceName();
  const rest = path.startsWith(`${MESSAGES_PATH}/`) ? path.slice(MESSAGES_PATH.length + 1) : '';
  if (rest === '') return <MessageList canEdit={canEdit} />;
  if (rest === 'new') return <Composer initial={null} canEdit={canEdit} forceName={forceName} onChanged={(detail) => navigate(`${MESSAGES_PATH}/${detail.message.id}`)} />;
  if (rest === 'dashboard') return <Dashboard />;
  if (rest === 'signups') return <SignupCountsPage />;
  if (rest === 'outbox') return <OutboxPage />;
  return <MessageView key={rest} id={rest} canEdit={canEdit} forceName={forceName} />;
}

/** The force's name, for the previews. */
function useForceName(): string {
  const [name, setName] = useState('Your local police');
  useEffect(() => {
    let live = true;
    unwrap(api.api.public.settings.$get())
      .then((settings) => live && setName(settings.forceName))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return name;
}
