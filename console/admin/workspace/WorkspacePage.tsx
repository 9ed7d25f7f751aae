// The workspace (admin): its currency, which every deal value and money figure is in, and the API
// keys a CRM uses to report opportunities, won and lost deals.
import type { PageProps } from '../../routes';
import { PageHead } from '../ui/PageHead';
import { ApiKeys } from './ApiKeys';
import { CurrencyForm } from './CurrencyForm';
import { WorkspaceTabs } from './WorkspaceTabs';
import '../admin.css';
import '../users/users.css';
import './workspace.css';

export function WorkspacePage({ me, onSessionEnded }: PageProps) {
  return (
    <div class="page">
      <PageHead title="Workspace" eyebrow={me.workspaceName} intro="The currency deals are counted in, and the keys your CRM reports outcomes with." />
      <WorkspaceTabs current="/workspace" />
      <CurrencyForm onSessionEnded={onSessionEnded} />
      <ApiKeys onSessionEnded={onSessionEnded} />
    </div>
  );
}
