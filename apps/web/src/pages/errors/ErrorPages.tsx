import { Button, Result } from 'antd';
import { Link } from 'react-router';

export function ForbiddenPage() {
  return <Result status="403" title="无权访问" subTitle="您的角色不能打开此页面。如需办理，请联系本级管理员。" extra={<Link to="/"><Button type="primary">返回首页</Button></Link>} />;
}

export function NotFoundPage() {
  return <Result status="404" title="页面不存在" subTitle="地址有误，或该页面已不存在。" extra={<Link to="/"><Button type="primary">返回首页</Button></Link>} />;
}
