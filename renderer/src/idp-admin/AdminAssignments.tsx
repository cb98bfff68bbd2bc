import { useState } from 'react';
import { Button, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons/svg/add';
import { DeleteRegular } from '@fluentui/react-icons/svg/delete';
import type { IdpAssignment } from '../../../shared/api';
import type { AdminAssignmentForm } from '../../../shared/idp-admin/sign-in';
import { Paragraph } from '../steps/layout';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  id: { flex: 1, minWidth: '240px' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

/** Who gets a role in the new app (optional): a group or user id and its role. */
export function AdminAssignments({
  form,
  roles,
  assignments,
  onChange,
}: {
  form: AdminAssignmentForm;
  roles: readonly string[];
  assignments: IdpAssignment[];
  onChange(next: IdpAssignment[]): void;
}) {
  const styles = useStyles();
  const [principalType, setPrincipalType] = useState<'group' | 'user'>(form.types[0] ?? 'group');
  const [principalId, setPrincipalId] = useState('');
  const [role, setRole] = useState(roles.includes('agent') ? 'agent' : (roles[0] ?? ''));
  const add = () => {
    const id = principalId.trim();
    // Where the IdP gives the roles, an assignment only gives access: its role is not used, and not asked for.
    if (!id || assignments.some((a) => a.principalId === id && (form.rolesFromIdp !== null || a.role === role))) return;
    onChange([...assignments, { principalType, principalId: id, role }]);
    setPrincipalId('');
  };
  return (
    <>
      <Paragraph>
        Optional: the wizard can also give people access. You can do it later in the console instead.
        {form.rolesFromIdp !== null && ` It asks for no role here: ${form.rolesFromIdp}.`}
      </Paragraph>
      {assignments.length > 0 && (
        <ul className={styles.list} data-testid="idp-admin-assignments">
          {assignments.map((a) => (
            <li key={`${a.principalId}:${a.role}`}>
              {a.principalType === 'group' ? 'Group' : 'User'} {a.principalId}
              {form.rolesFromIdp === null ? ` with the role ${a.role}` : ` (${form.rolesFromIdp})`}{' '}
              <Button
                size="small"
                appearance="subtle"
                icon={<DeleteRegular />}
                aria-label={form.rolesFromIdp === null ? `Remove ${a.principalId} (${a.role})` : `Remove ${a.principalId}`}
                onClick={() => onChange(assignments.filter((other) => other !== a))}
              />
            </li>
          ))}
        </ul>
      )}
      <div className={styles.row}>
        {form.types.length > 1 && (
          <Field label="Kind">
            <Select value={principalType} onChange={(_, data) => setPrincipalType(data.value as 'group' | 'user')}>
              {form.types.map((type) => (
                <option key={type} value={type}>
                  {type === 'group' ? 'Group' : 'User'}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field className={styles.id} label={form.label} hint={form.hint}>
          <Input value={principalId} spellCheck={false} onChange={(_, data) => setPrincipalId(data.value)} />
        </Field>
        {form.rolesFromIdp === null && (
          <Field label="Role">
            <Select value={role} onChange={(_, data) => setRole(data.value)}>
              {roles.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Button icon={<AddRegular />} disabled={principalId.trim() === ''} onClick={add}>
          Add
        </Button>
      </div>
    </>
  );
}
