import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import FormHelperText from '@material-ui/core/FormHelperText';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { ResponseError } from '@backstage/errors';
import {
  changedFiles,
  EnvironmentPlan,
} from '@paved/plugin-environments-common';
import { usePlannedChanges } from '../../hooks/usePlannedChanges';
import { planFromForm } from '../../lib/planFromForm';
import { EnvironmentChangesPreviewProps } from './schema';
import { UnifiedDiff } from './UnifiedDiff';

/** The API's own words for a refusal: which field, which rule. */
function refusalText(error: Error): string {
  if (error.name === 'ResponseError') {
    const said = (error as ResponseError).cause?.message;
    if (said) return said;
  }
  return error.message;
}

type Preview = {
  repository?: string;
  path?: string;
  diff?: string;
  files?: Record<string, string>;
};

/** The resources of a plan that say what they would commit. */
function previews(plan: EnvironmentPlan) {
  return plan.environment.resources.flatMap(resource => {
    const preview = resource.preview as Preview | undefined;
    return preview && typeof preview.diff === 'string'
      ? [{ resource, preview: preview as Preview & { diff: string } }]
      : [];
  });
}

/**
 * A scaffolder field that shows, before the template runs, what its request would change:
 * it plans the request from the form's other fields (see the schema's options) and shows,
 * resource by resource, the files it would commit and their diff against the repository,
 * or the API's reason when it would refuse the request. It has no value of its own.
 * @public
 */
export const EnvironmentChangesPreview = (
  props: EnvironmentChangesPreviewProps,
) => {
  const { schema, uiSchema, formContext, idSchema } = props;
  const request = planFromForm(
    uiSchema?.['ui:options'],
    formContext?.formData ?? {},
  );
  const { plan, loading, error } = usePlannedChanges(request);
  if (request.kind === 'off') return null;

  const id = idSchema?.$id ?? 'environment-changes-preview';
  const title = schema.title ?? 'What it would change';
  let body;
  if (request.kind === 'missing') {
    body = (
      <FormHelperText>
        Fill in {request.fields.join(', ')} to see what it would change.
      </FormHelperText>
    );
  } else if (loading) {
    body = <LinearProgress aria-label="Planning the request" />;
  } else if (error) {
    body = (
      <Alert severity="error" role="alert">
        The request would be refused: {refusalText(error)}
      </Alert>
    );
  } else if (plan) {
    const shown = previews(plan);
    body = (
      <>
        {plan.warnings.map(warning => (
          <Alert key={`${warning.field}:${warning.message}`} severity="warning">
            {warning.field}: {warning.message}
          </Alert>
        ))}
        {plan.approval && (
          <Alert severity="info">
            It would wait for approval by {plan.approval.approvers}:{' '}
            {plan.approval.reasons.join('; ')}
          </Alert>
        )}
        {shown.length === 0 && (
          <FormHelperText>
            Nothing to commit to a repository: the resources are provisioned
            directly.
          </FormHelperText>
        )}
        {shown.map(({ resource, preview }) => {
          const files = changedFiles(preview.diff);
          return (
            <Box key={resource.name} mt={2}>
              <Typography variant="subtitle2" component="h4">
                {resource.name} ({resource.type}): commits to{' '}
                {preview.repository}, in {preview.path}
              </Typography>
              {files.length === 0 ? (
                <FormHelperText>
                  The repository has these files already; nothing to commit.
                </FormHelperText>
              ) : (
                <>
                  <Box
                    component="ul"
                    aria-label={`Files of ${resource.name}`}
                    p={0}
                    my={1}
                    style={{ listStyle: 'none' }}
                  >
                    {files.map(file => (
                      <Box component="li" key={file.path} mb={0.5}>
                        <Chip
                          size="small"
                          label={file.change}
                          color={
                            file.change === 'removed' ? 'secondary' : 'primary'
                          }
                          variant="outlined"
                        />{' '}
                        <Typography
                          component="span"
                          variant="body2"
                          style={{ fontFamily: 'monospace' }}
                        >
                          {file.path}
                        </Typography>
                      </Box>
                    ))}
                  </Box>
                  <UnifiedDiff
                    diff={preview.diff}
                    label={`The diff of ${resource.name}`}
                  />
                </>
              )}
            </Box>
          );
        })}
      </>
    );
  }

  return (
    <Box id={id} mt={2} mb={1} component="section" aria-label={title}>
      <Typography variant="h6" component="h3">
        {title}
      </Typography>
      {schema.description && (
        <FormHelperText>{schema.description}</FormHelperText>
      )}
      {body}
    </Box>
  );
};
