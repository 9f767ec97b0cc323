import { useEffect } from 'react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { useEnvironments } from '../../hooks/useEnvironments';
import { EnvironmentPickerProps } from './schema';

/**
 * A scaffolder field: one of the live environments of the component chosen in
 * another field of the form (`ui:options.entityField`). Its value is the
 * environment's name, which is what the templates' actions take.
 * @public
 */
export const EnvironmentPicker = (props: EnvironmentPickerProps) => {
  const {
    formData,
    onChange,
    required,
    disabled,
    rawErrors,
    schema,
    uiSchema,
    formContext,
    idSchema,
  } = props;
  const entityField = uiSchema?.['ui:options']?.entityField ?? 'component';
  const entityRef: unknown = formContext?.formData?.[entityField];
  const chosen = typeof entityRef === 'string' && entityRef !== '';
  const { environments, loading, error } = useEnvironments(
    chosen ? { entityRef, limit: 100 } : undefined,
    { live: false },
  );
  // Being destroyed is not live: nothing can be added to it or destroyed again.
  const choices = (environments ?? []).filter(e => e.status !== 'destroying');

  // Another component was chosen: a name of the previous one means nothing now.
  useEffect(() => {
    if (environments && formData && !choices.some(e => e.name === formData)) {
      onChange(undefined);
    }
  }, [environments, choices, formData, onChange]);

  const id = idSchema?.$id ?? 'environment-picker';
  const title = schema.title ?? 'Environment';
  let help = schema.description;
  if (!chosen) {
    help = 'Choose the component first.';
  } else if (loading) {
    help = 'Loading its environments…';
  } else if (error) {
    help = `Could not load its environments: ${error.message}`;
  } else if (choices.length === 0) {
    help =
      'It has no environments: create one with the Ephemeral environment template.';
  }

  return (
    <FormControl
      fullWidth
      margin="normal"
      required={required}
      disabled={disabled || !chosen || choices.length === 0}
      error={(!!rawErrors?.length && !formData) || !!error}
    >
      <InputLabel id={`${id}-label`}>{title}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        value={choices.some(e => e.name === formData) ? formData : ''}
        onChange={event => onChange(event.target.value as string)}
        aria-describedby={`${id}-help`}
      >
        {choices.map(environment => (
          <MenuItem key={environment.id} value={environment.name}>
            {environment.name} ({environment.tier}, {environment.status})
          </MenuItem>
        ))}
      </Select>
      <FormHelperText id={`${id}-help`}>{help}</FormHelperText>
    </FormControl>
  );
};
