import type { ReactNode } from 'react';
import { Segmented, Typography } from 'antd';
import { LANGS, useI18n, type Lang } from '../../i18n/i18n.tsx';
import './portal.css';

/** The frame of a public page (no login): its title, the language switch, and the page under them. */
export function PublicFrame({ title, testId, children }: { title: ReactNode; testId: string; children: ReactNode }) {
  const { lang, setLang } = useI18n();
  return (
    <div className="portal">
      <header className="portal-header">
        <Typography.Title level={4} style={{ margin: 0, color: '#fff' }}>
          {title}
        </Typography.Title>
        <Segmented size="small" value={lang} options={[...LANGS]} onChange={(v) => setLang(v as Lang)} />
      </header>
      <main className="portal-main" data-testid={testId}>
        {children}
      </main>
    </div>
  );
}
