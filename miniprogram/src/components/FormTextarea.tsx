import { Textarea } from '@tarojs/components';

/** A multi-line text field that hands its text to `onChange` (the page's class styles it). */
export function FormTextarea({
  id,
  className,
  value,
  maxlength,
  placeholder,
  onChange,
}: {
  id: string;
  className: string;
  value: string;
  maxlength: number;
  placeholder?: string;
  onChange: (value: string) => void;
}) {
  return <Textarea id={id} className={className} value={value} maxlength={maxlength} placeholder={placeholder} onInput={(e) => onChange(e.detail.value)} />;
}
