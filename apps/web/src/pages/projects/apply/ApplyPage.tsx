import { App as AntApp, Alert, Button, Card, Form, Result, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession, useUser } from '../../../app/session';
import { useTaskCount } from '../../../app/task-count';
import { PageLoading } from '../../../components/PageBoundary';
import { formatTime } from '../../../components/format';
import { requestKey } from '../../../components/request-key';
import { StageTag } from '../../../components/StageTag';
import { useInFlight } from '../../../components/useInFlight';
import { ApiFailure } from '../../../services/http';
import { createProject, submitProject, updateProject, withdrawProject, type ApplicationBody } from '../../../services/project-actions';
import { latestReturn, projectHistory, projectRecord, type HistoryEntry, type ProjectRecord } from '../../../services/project-records';
import { roleLabel, isRole } from '../../../../../../libs/domain/src/stages';
import { ApplicationForm } from './ApplicationForm';
import { AttachmentsPanel } from '../../../components/attachments/AttachmentsPanel';
import { FORM_FIELDS, blankApplication, bodyOf, namePathOf, valuesOf, type ApplicationValues } from './application-values';
import './apply.css';

type Busy = 'save' | 'submit' | 'withdraw';

/** A validation failure of the form itself (not of the API): antd rejects with the fields in error. */
function isFormError(error: unknown): error is { errorFields: { name: (string | number)[]; errors: string[] }[] } {
  return typeof error === 'object' && error !== null && Array.isArray((error as { errorFields?: unknown }).errorFields);
}

/** The village's name as the header shows it: 北曹村 · 贾庄乡 · 朔城区. */
function villageLabel(regionName: string, code: string): string {
  return regionName ? `${regionName}（${code}）` : code;
}

/**
 * 项目申报: a new draft at /apply, or the revision of a draft or returned project at
 * /projects/:id/edit. Save keeps a draft; submit saves first, then sends it to the township.
 */
export default function ApplyPage() {
  const { id } = useParams();
  const user = useUser();
  const { regionName } = useSession();
  const navigate = useNavigate();
  const { message, modal } = AntApp.useApp();
  const { refresh } = useTaskCount();
  const [form] = Form.useForm<ApplicationValues>();
  const [project, setProject] = useState<ProjectRecord | null>(null);
  const [returned, setReturned] = useState<HistoryEntry | undefined>();
  const [loading, setLoading] = useState(Boolean(id));
  // Values go in as the form's initial values: the form instance is only connected once it is drawn.
  const [initial, setInitial] = useState<Partial<ApplicationValues> | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { busy, run } = useInFlight<Busy>();
  // A create retried with the same body keeps its key, so a lost answer never makes a second draft.
  const createKey = useRef<{ body: string; key: string } | null>(null);
  const loadedId = useRef<string | null>(null);

  useEffect(() => {
    if (!id) {
      loadedId.current = null;
      setProject(null);
      setReturned(undefined);
      setInitial(blankApplication(''));
      setLoading(false);
      return;
    }
    if (loadedId.current === id) return;
    let live = true;
    setLoading(true);
    setLoadError(null);
    Promise.all([projectRecord(id), projectHistory(id)])
      .then(([p, history]) => {
        if (!live) return;
        loadedId.current = id;
        setProject(p);
        setReturned(p.stage === 'returned' ? latestReturn(history) : undefined);
        setInitial(valuesOf(p));
      })
      .catch((error: unknown) => live && setLoadError(error instanceof ApiFailure ? error.message : '项目读取失败，请刷新重试'))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [id]);

  const showFailure = useCallback(
    (error: unknown) => {
      if (isFormError(error)) {
        setProblem(`还有 ${error.errorFields.length} 处内容需要修改，请按标红的提示填写。`);
        return;
      }
      if (!(error instanceof ApiFailure)) {
        setProblem('操作失败，请稍后重试。');
        return;
      }
      const onForm = error.fieldProblems.filter((p) => FORM_FIELDS.has(p.field.split(/[.[]/)[0]));
      form.setFields(onForm.map((p) => ({ name: namePathOf(p.field) as never, errors: p.messages })));
      if (error.code === 'FUNDING_MISMATCH') form.setFields([{ name: 'totalBudget', errors: [error.message] }]);
      setProblem(onForm.length > 0 ? `${error.message}（已在对应栏目中标出）` : error.message);
    },
    [form],
  );

  /** Saves what is typed: creates the draft the first time, revises it afterwards. */
  const persist = async (): Promise<ProjectRecord> => {
    const values = await form.validateFields();
    const body: ApplicationBody = bodyOf(values, project?.villageCode ?? user.regionCode);
    if (project) return updateProject(project.id, body);
    const text = JSON.stringify(body);
    if (createKey.current?.body !== text) createKey.current = { body: text, key: requestKey() };
    return createProject(body, createKey.current.key);
  };

  /** A new draft moves to its edit address, so the next save revises it instead of creating another. */
  const adopt = (saved: ProjectRecord, moveToEdit: boolean) => {
    setProject(saved);
    if (!id && moveToEdit) navigate(`/projects/${saved.id}/edit`, { replace: true });
  };

  const save = () =>
    run('save', async () => {
      setProblem(null);
      try {
        const saved = await persist();
        adopt(saved, true);
        message.success('草稿已保存');
      } catch (error) {
        showFailure(error);
      }
    });

  const submit = () =>
    run('submit', async () => {
      setProblem(null);
      let saved: ProjectRecord;
      try {
        saved = await persist();
        adopt(saved, false);
      } catch (error) {
        showFailure(error);
        return;
      }
      try {
        const submitted = await submitProject(saved.id);
        refresh();
        message.success(`已提交申报，等待${submitted.stageLabel}`);
        navigate(`/projects/${saved.id}`);
      } catch (error) {
        showFailure(error);
      }
    });

  const withdraw = () => {
    if (!project) return;
    modal.confirm({
      title: '撤回这个申报？',
      content: '撤回后项目终止，不能再提交；如需申报请重新填写。',
      okText: '撤回',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        run('withdraw', async () => {
          try {
            await withdrawProject(project.id);
            refresh();
            message.success('申报已撤回');
            navigate(`/projects/${project.id}`);
          } catch (error) {
            showFailure(error);
          }
        }),
    });
  };

  if (loading || !initial) return <PageLoading />;
  if (loadError) return <Result status="warning" title="无法打开这个申报" subTitle={loadError} extra={<Link to="/projects">返回项目库</Link>} />;
  if (project && !project.allowedActions.includes('edit')) {
    return (
      <Result
        status="info"
        title="这个项目现在不能修改"
        subTitle={`项目处于「${project.stageLabel}」阶段，只有草稿和退回修改的项目可以修改。`}
        extra={
          <Link to={`/projects/${project.id}`}>
            <Button type="primary">查看项目</Button>
          </Link>
        }
      />
    );
  }

  const canWithdraw = project?.allowedActions.includes('withdraw') ?? false;
  const returnedBy = returned && isRole(returned.role) ? roleLabel(returned.role) : returned?.role;

  return (
    <div className="apply-page">
      <div className="apply-heading">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {project ? `修改申报：${project.name}` : '新建项目申报'}
        </Typography.Title>
        {project && <StageTag stage={project.stage} />}
      </div>

      {returned && (
        <Alert
          type="warning"
          showIcon
          className="apply-returned"
          title={`退回修改意见（${returnedBy} · ${returned.actor} · ${formatTime(returned.at)}）`}
          description={<div className="return-comment">{returned.comment || '（未填写意见）'}</div>}
        />
      )}

      {problem && <Alert type="error" showIcon className="apply-problem" title={problem} closable onClose={() => setProblem(null)} />}

      <ApplicationForm form={form} initialValues={initial} villageName={villageLabel(regionName, project?.villageCode ?? user.regionCode)} disabled={busy !== null} />

      <Card title="上传附件" className="apply-section apply-uploads">
        {project ? (
          <AttachmentsPanel projectId={project.id} />
        ) : (
          <Typography.Paragraph type="secondary">保存草稿后即可在此上传附件（如村民代表大会决议、实施方案）。</Typography.Paragraph>
        )}
      </Card>

      <div className="apply-actions" role="toolbar" aria-label="申报操作">
        <Space wrap>
          {canWithdraw && (
            <Button danger onClick={withdraw} loading={busy === 'withdraw'} disabled={busy !== null}>
              撤回申报
            </Button>
          )}
          <Button onClick={save} loading={busy === 'save'} disabled={busy !== null}>
            保存草稿
          </Button>
          <Button type="primary" onClick={submit} loading={busy === 'submit'} disabled={busy !== null}>
            提交申报
          </Button>
        </Space>
      </div>
    </div>
  );
}
